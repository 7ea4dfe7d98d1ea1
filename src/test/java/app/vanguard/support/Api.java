package app.vanguard.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Calls the running service over real HTTP and checks every response against api-spec/openapi.yaml, so the contract
 * the phone team codes against cannot drift from what the server does.
 */
public final class Api {

    private static final class Contract {
        static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
                .createForSpecificationUrl(Path.of("api-spec/openapi.yaml").toAbsolutePath().toUri().toString())
                .build();
    }
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    /** A response: status, headers and the body as text and as JSON. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            if (body == null || body.isEmpty()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** The problem+json {@code code} of an error response. */
        public String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", body == null ? null : write(body), Map.of());
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, "application/json", write(body), Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }

    public Response send(String method, String path, String token, String contentType, String body,
                         Map<String, String> headers) {
        return exchange(method, path, token, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** A request with a binary body (e.g. an .xlsx upload). */
    public Response sendBytes(String method, String path, String token, String contentType, byte[] body) {
        return exchange(method, path, token, contentType, HttpRequest.BodyPublishers.ofByteArray(body), Map.of());
    }

    private Response exchange(String method, String path, String token, String contentType,
                              HttpRequest.BodyPublisher publisher, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Response result = new Response(response.statusCode(), response.headers().map(), response.body());
        checkContract(method, path, result);
        return result;
    }

    private static void checkContract(String method, String path, Response response) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                builder.withHeader(name, values);
            }
        });
        if (response.body() != null && !response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        SimpleResponse built = builder.build();
        ValidationReport report = Contract.VALIDATOR.validateResponse(pathOnly, Request.Method.valueOf(method), built);
        boolean offContract = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"));
        if (offContract) {
            // A route or method the contract does not have: the answer must still be an error in the one format,
            // so check it as the `default` (Problem) response of a documented operation.
            if (response.status() < 400) {
                fail("Undocumented " + method + " " + pathOnly + " answered " + response);
            }
            report = Contract.VALIDATOR.validateResponse("/auth/login", Request.Method.POST, built);
        }
        if (report.hasErrors()) {
            fail("Response to " + method + " " + path + " breaks api-spec/openapi.yaml:\n"
                    + report.getMessages().stream().map(ValidationReport.Message::toString).reduce("", (a, b) -> a + b + "\n")
                    + "Response: " + response);
        }
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
