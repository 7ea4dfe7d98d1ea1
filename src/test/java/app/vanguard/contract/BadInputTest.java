package app.vanguard.contract;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Spec;
import app.vanguard.support.SpecCalls;
import app.vanguard.support.SpecWorld;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input for every operation of api-spec/openapi.yaml (issue 15, item 15), generated from the spec: broken JSON,
 * wrong content types, bodies of the wrong shape, each required field missing, an unknown field, and for every
 * property and query/path parameter wrong types, oversized strings, NUL bytes, lone surrogates, emoji, negative and
 * huge numbers. Each call is made as a caller who may use the operation, so the input reaches the rules behind the
 * access check. Never a 5xx; every 4xx is problem+json (checked against the spec by {@link Api}); and an operation
 * whose bad calls were all refused wrote nothing (every table's row count unchanged).
 */
@MicronautTest(transactional = false)
class BadInputTest extends ApiTestBase {

    private static final String LONG = "长".repeat(20_000);
    private static final List<String> BAD_STRINGS = List.of("\"" + LONG + "\"", "\"a\\u0000b\"", "\"a\\ud800b\"",
            "\"\\ud83d\\ude00\\ud83c\\udde8\\ud83c\\uddf3\"", "12345", "true", "{}", "[]", "null");
    private static final List<String> BAD_NUMBERS = List.of("-1", "0", "99999999999999999999999", "1e300", "1.5",
            "\"abc\"", "\"\"", "true", "{}", "null");
    private static final List<String> BAD_OTHER = List.of("\"abc\"", "123", "true", "{}", "[]", "null",
            "\"\\u0000\"");
    private static final List<String> BAD_QUERY = List.of("abc", "-1", "99999999999999999999999", "%00",
            "%ED%A0%80", "%F0%9F%98%80", "x".repeat(5_000), "");
    private static final List<String> BAD_IDS = List.of("abc", "-1", "0", "99999999999999999999999", "%00", "1.5");
    /** Tables a refused request may still write: throttles' and sign-in bookkeeping. */
    private static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history");
    private static final Set<String> SESSION_ENDING = Set.of("POST /me/password", "PUT /me/password",
            "POST /auth/logout", "DELETE /me/wechat");

    @Inject
    DataSource dataSource;

    @Test
    void noOperationAnswers5xxOrWritesOnBadInput() throws SQLException {
        Spec spec = Spec.load();
        SpecWorld world = new SpecWorld(api(), fixtures);
        SpecCalls calls = new SpecCalls(spec, world);
        List<Spec.Operation> operations = new ArrayList<>(spec.operations());
        operations.sort(Comparator.comparing((Spec.Operation op) -> SESSION_ENDING.contains(op.key()))
                .thenComparing(op -> op.method().equals("DELETE")));
        List<String> failures = new ArrayList<>();
        int sent = 0;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Spec.Operation op : operations) {
            String caller = callerFor(op, calls, world);
            String token = caller == null ? null : fixtures.token(world.members.get(caller));
            Map<String, Long> before = rowCounts();
            boolean anyAccepted = false;
            for (BadCall bad : badCalls(op, spec, calls, world)) {
                Api.Response response;
                try {
                    response = api().send(bad.method, bad.path, token, bad.contentType, bad.body, Map.of());
                } catch (AssertionError contract) {
                    failures.add(op.key() + " [" + bad.what + "] as " + caller + ": " + contract.getMessage());
                    continue;
                } catch (java.io.UncheckedIOException dropped) {
                    failures.add(op.key() + " [" + bad.what + "] as " + caller + ": no answer (" + dropped.getMessage()
                            + ")");
                    continue;
                }
                sent++;
                byStatus.merge(response.status(), 1, Integer::sum);
                if (response.status() >= 500) {
                    failures.add(op.key() + " [" + bad.what + "] as " + caller + " answered " + response);
                } else if (response.status() < 400) {
                    anyAccepted = true;
                } else if (!response.header("Content-Type").orElse("").startsWith("application/problem+json")) {
                    failures.add(op.key() + " [" + bad.what + "] answered " + response.status() + " without "
                            + "problem+json: " + response.header("Content-Type").orElse("no content type"));
                }
            }
            if (!anyAccepted && !op.method().equals("GET")) {
                Map<String, Long> after = rowCounts();
                if (!after.equals(before)) {
                    Map<String, String> changed = new TreeMap<>();
                    after.forEach((t, n) -> {
                        if (!n.equals(before.get(t))) {
                            changed.put(t, before.get(t) + " → " + n);
                        }
                    });
                    failures.add(op.key() + ": every bad call was refused, yet rows changed: " + changed);
                }
            }
        }
        System.out.println("Bad input: " + sent + " calls to " + operations.size() + " operations, by status "
                + byStatus);
        if (sent < operations.size() * 5) {
            failures.add("only " + sent + " bad calls were generated: the generator no longer reads the spec");
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " bad-input failures (of " + sent + " calls):\n" + String.join("\n", failures));
        }
    }

    /** The least privileged caller whose plausible call is not refused for access (401/403); null: anonymous. */
    private static String callerFor(Spec.Operation op, SpecCalls calls, SpecWorld world) {
        if (!op.secured()) {
            return null;
        }
        for (String caller : List.of("secretary", "org-admin", "system-admin", "member")) {
            int status = calls.call(op, world.tokens.get(caller)).status();
            if (status != 401 && status != 403) {
                return caller;
            }
        }
        return "system-admin";
    }

    private record BadCall(String what, String method, String path, String contentType, String body) {
    }

    private static List<BadCall> badCalls(Spec.Operation op, Spec spec, SpecCalls calls, SpecWorld world) {
        List<BadCall> out = new ArrayList<>();
        String path = calls.path(op);
        String m = op.method();
        for (String parameter : op.pathParameters()) {
            if (!world.id(parameter).matches("\\d+")) {
                continue;
            }
            for (String bad : BAD_IDS) {
                String badPath = calls.path(op).replaceFirst("/" + world.id(parameter) + "(/|$|\\?)",
                        "/" + bad + "$1");
                out.add(new BadCall("path " + parameter + "=" + bad, m, badPath, null, null));
            }
        }
        for (String query : op.queryParameters(spec).keySet()) {
            for (String bad : BAD_QUERY) {
                String sep = path.contains("?") ? "&" : "?";
                String badPath = path.replaceAll("([?&])" + query + "=[^&]*&?", "$1");
                badPath = badPath.endsWith("?") || badPath.endsWith("&") ? badPath.substring(0, badPath.length() - 1)
                        : badPath;
                sep = badPath.contains("?") ? "&" : "?";
                out.add(new BadCall("query " + query + "=" + abbreviate(bad), m, badPath + sep + query + "=" + bad,
                        null, null));
            }
        }
        List<String> types = op.contentTypes();
        if (types.isEmpty()) {
            return out;
        }
        Map<String, Object> schema = op.jsonSchema();
        if (schema == null) {
            String type = types.get(0);
            out.add(new BadCall("empty body", m, path, type, ""));
            out.add(new BadCall("NUL bytes", m, path, type, "a\u0000b,\u0000\n\u0000"));
            out.add(new BadCall("JSON instead", m, path, "application/json", "{\"a\":1}"));
            out.add(new BadCall("binary", m, path, type, "\u00ff\u00fe\u0000\u0001PK\u0003\u0004garbage"));
            return out;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> plausible = spec.example(schema, null, world::named, 0) instanceof Map<?, ?> map
                ? (Map<String, Object>) map : new LinkedHashMap<>();
        String valid = Api.write(plausible);
        out.add(new BadCall("broken JSON", m, path, "application/json", "{\"a\":"));
        out.add(new BadCall("empty body", m, path, "application/json", ""));
        out.add(new BadCall("text/plain", m, path, "text/plain", valid));
        out.add(new BadCall("form", m, path, "application/x-www-form-urlencoded", "a=1"));
        out.add(new BadCall("array", m, path, "application/json", "[" + valid + "]"));
        out.add(new BadCall("string", m, path, "application/json", "\"x\""));
        out.add(new BadCall("deep nesting", m, path, "application/json", "[".repeat(5_000) + "]".repeat(5_000)));
        out.add(new BadCall("unknown field", m, path, "application/json",
                valid.equals("{}") ? "{\"unexpected\":1}" : valid.substring(0, valid.length() - 1) + ",\"unexpected\":1}"));
        for (String field : spec.required(schema)) {
            Map<String, Object> without = new LinkedHashMap<>(plausible);
            without.remove(field);
            out.add(new BadCall("missing " + field, m, path, "application/json", Api.write(without)));
        }
        spec.properties(schema).forEach((field, property) -> {
            String type = property == null ? "object" : String.valueOf(property.get("type"));
            List<String> values = switch (type) {
                case "string" -> BAD_STRINGS;
                case "integer", "number" -> BAD_NUMBERS;
                default -> BAD_OTHER;
            };
            for (String value : values) {
                Map<String, Object> with = new LinkedHashMap<>(plausible);
                with.put(field, MARK);
                out.add(new BadCall(field + "=" + abbreviate(value), m, path, "application/json",
                        Api.write(with).replace("\"" + MARK + "\"", value)));
            }
        });
        return out;
    }

    private static final String MARK = "__bad_value__";

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
    }

    /** Every table's exact row count. */
    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder union = new StringBuilder();
            for (String t : tables) {
                if (BOOKKEEPING.contains(t)) {
                    continue;
                }
                if (!union.isEmpty()) {
                    union.append(" UNION ALL ");
                }
                union.append("SELECT '").append(t).append("', COUNT(*) FROM `").append(t).append('`');
            }
            try (ResultSet rs = s.executeQuery(union.toString())) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
