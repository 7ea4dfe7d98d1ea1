package app.vanguard.support;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of api-spec/openapi.yaml, read as data so tests can be generated from the contract: every
 * operation's method, path template, parameters and request body, and a plausible request for it (a body with every
 * required field, built from the schema).
 */
public final class Spec {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");

    /** One operation: {@code key} is "METHOD /path/{template}", as the checked-in tables name it. */
    public record Operation(String method, String path, String operationId, Map<String, Object> definition) {
        public String key() {
            return method + " " + path;
        }

        public boolean secured() {
            Object security = definition.get("security");
            return !(security instanceof List<?> list && list.isEmpty());
        }

        /** The request body's content types, in the order the spec gives them (empty: no body). */
        public List<String> contentTypes() {
            Map<String, Object> body = map(definition.get("requestBody"));
            return body == null ? List.of() : new ArrayList<>(map(body.get("content")).keySet());
        }

        /** The JSON body's schema, or null. */
        public Map<String, Object> jsonSchema() {
            Map<String, Object> body = map(definition.get("requestBody"));
            if (body == null) {
                return null;
            }
            Map<String, Object> json = map(map(body.get("content")).get("application/json"));
            return json == null ? null : map(json.get("schema"));
        }

        /** Query parameters: name → parameter (resolved; its {@code schema} resolved too). */
        public Map<String, Map<String, Object>> queryParameters(Spec spec) {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            Object parameters = definition.get("parameters");
            if (parameters instanceof List<?> list) {
                for (Object p : list) {
                    Map<String, Object> parameter = spec.resolve(map(p));
                    if ("query".equals(parameter.get("in"))) {
                        Map<String, Object> resolved = new LinkedHashMap<>(parameter);
                        resolved.put("schema", spec.resolve(map(parameter.get("schema"))));
                        out.put((String) parameter.get("name"), resolved);
                    }
                }
            }
            return out;
        }

        /** Names of the path parameters, in order. */
        public List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** The path with each parameter replaced by {@code values.apply(name)}. */
        public String concretePath(Function<String, String> values) {
            Matcher m = PATH_PARAM.matcher(path);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(values.apply(m.group(1))));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    private final Map<String, Object> root;
    private final List<Operation> operations = new ArrayList<>();

    private Spec(Map<String, Object> root) {
        this.root = root;
        Map<String, Object> paths = map(root.get("paths"));
        paths.forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> definition = map(op);
                operations.add(new Operation(method.toUpperCase(), path, (String) definition.get("operationId"),
                        definition));
            }
        }));
    }

    public static Spec load() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(50 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(Path.of("api-spec/openapi.yaml"), StandardCharsets.UTF_8)) {
            return new Spec(new Yaml(options).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    /** Follows a {@code $ref} within the document (once per level). */
    public Map<String, Object> resolve(Map<String, Object> node) {
        while (node != null && node.get("$ref") instanceof String ref) {
            Map<String, Object> target = root;
            for (String part : ref.substring(2).split("/")) {
                target = map(target.get(part));
            }
            node = target;
        }
        return node;
    }

    /** The properties of an object schema (allOf merged), resolved. */
    public Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        schema = resolve(schema);
        if (schema == null) {
            return out;
        }
        if (schema.get("allOf") instanceof List<?> parts) {
            parts.forEach(p -> out.putAll(properties(map(p))));
        }
        Map<String, Object> props = map(schema.get("properties"));
        if (props != null) {
            props.forEach((name, s) -> out.put(name, resolve(map(s))));
        }
        return out;
    }

    /** The required property names of an object schema (allOf merged). */
    public List<String> required(Map<String, Object> schema) {
        List<String> out = new ArrayList<>();
        schema = resolve(schema);
        if (schema == null) {
            return out;
        }
        if (schema.get("allOf") instanceof List<?> parts) {
            parts.forEach(p -> out.addAll(required(map(p))));
        }
        if (schema.get("required") instanceof List<?> names) {
            names.forEach(n -> out.add((String) n));
        }
        return out;
    }

    /**
     * A plausible value for a schema: every required property of an object (ids and dates from {@code named}
     * when it knows the property's name), the first enum value, the minimum of a number, a short Chinese string.
     */
    public Object example(Map<String, Object> schema, String name, Function<String, Object> named, int depth) {
        schema = resolve(schema);
        Object known = name == null ? null : named.apply(name);
        if (known != null) {
            return known;
        }
        if (schema == null || depth > 6) {
            return "测试";
        }
        if (schema.get("example") != null && !(schema.get("example") instanceof Map)) {
            return schema.get("example");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        if (schema.get("oneOf") instanceof List<?> options && !options.isEmpty()) {
            return example(map(options.get(0)), name, named, depth + 1);
        }
        if (schema.get("allOf") != null || "object".equals(schema.get("type")) || schema.get("properties") != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Map<String, Object>> props = properties(schema);
            for (String field : required(schema)) {
                out.put(field, example(props.get(field), field, named, depth + 1));
            }
            return out;
        }
        String type = String.valueOf(schema.get("type"));
        String format = String.valueOf(schema.get("format"));
        switch (type) {
            case "integer", "number" -> {
                Object min = schema.get("minimum");
                return min instanceof Number n ? Math.max(n.longValue(), 1) : 1;
            }
            case "boolean" -> {
                return false;
            }
            case "array" -> {
                Object min = schema.get("minItems");
                List<Object> items = new ArrayList<>();
                int count = min instanceof Number n ? Math.max(n.intValue(), 1) : 1;
                for (int i = 0; i < count; i++) {
                    Object item = example(map(schema.get("items")), null, named, depth + 1);
                    if (item instanceof String s && count > 1) {
                        item = s + i;
                    }
                    items.add(item);
                }
                return items;
            }
            default -> {
                return switch (format) {
                    case "date" -> TestDates.today().plusDays(1).toString();
                    case "date-time" -> TestDates.iso(TestDates.nowMillis() + 86_400_000L);
                    default -> "测试内容";
                };
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
