package app.vanguard.shared;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The contract stays fit for generated clients (the build generates the TypeScript one from it): the spec parses
 * without messages, every operation has a unique operationId, and every object schema has a name (a component), so
 * no generator has to invent names like {@code InlineObject3} or {@code ReadingCalendarDaysInner}.
 */
class ApiSpecLintTest {

    @Test
    void everyOperationHasAnIdAndEverySchemaAName() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(
                Path.of("api-spec/openapi.yaml").toAbsolutePath().toUri().toString(), null, options);
        List<String> problems = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(m -> problems.add("parser: " + m));
        }
        OpenAPI api = result.getOpenAPI();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                String where = op.getKey() + " " + path.getKey();
                String id = op.getValue().getOperationId();
                if (id == null || id.isBlank()) {
                    problems.add(where + ": no operationId");
                } else if (!ids.add(id)) {
                    problems.add(where + ": operationId " + id + " used twice");
                }
                if (op.getValue().getRequestBody() != null) {
                    body(op.getValue().getRequestBody().getContent(), where + " request", problems);
                }
                if (op.getValue().getResponses() != null) {
                    op.getValue().getResponses().forEach((status, response) ->
                            body(response.getContent(), where + " " + status, problems));
                }
            }
        }
        for (Map.Entry<String, Schema> component : api.getComponents().getSchemas().entrySet()) {
            Map<String, Schema> properties = component.getValue().getProperties();
            if (properties != null) {
                properties.forEach((name, property) ->
                        nested(property, component.getKey() + "." + name, problems));
            }
        }
        assertEquals(List.of(), problems, "api-spec/openapi.yaml would give generated clients invented names");
    }

    private static void body(Content content, String where, List<String> problems) {
        if (content != null) {
            content.forEach((type, media) -> nested(media.getSchema(), where + " " + type, problems));
        }
    }

    /** A schema used inside another place: a $ref, a scalar, or an array / map of those. */
    private static void nested(Schema<?> schema, String where, List<String> problems) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        if (schema.getItems() != null) {
            nested(schema.getItems(), where + "[]", problems);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            nested(values, where + "{}", problems);
        }
        if ((schema.getProperties() != null && !schema.getProperties().isEmpty()) || schema.getAllOf() != null
                || schema.getOneOf() != null || schema.getAnyOf() != null) {
            problems.add(where + ": an inline object schema; make it a named component");
        }
    }
}
