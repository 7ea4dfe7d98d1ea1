package app.vanguard.shared;

import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error, ours or the framework's, is problem+json with a stable code and no internals. */
@MicronautTest(transactional = false)
class ErrorFormatTest extends ApiTestBase {

    private void assertProblem(app.vanguard.support.Api.Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/problem+json"), response::toString);
        assertEquals(status, response.json().get("status").asInt());
        assertEquals(code, response.code());
        assertFalse(response.body().contains("Exception"), response::toString);
        assertFalse(response.body().contains("at app.vanguard"), response::toString);
    }

    @Test
    void unknownRoute() {
        assertProblem(api().get("/no/such/thing", fixtures.token(fixtures.systemAdmin())), 404, "NOT_FOUND");
    }

    @Test
    void malformedJson() {
        assertProblem(api().send("POST", "/auth/login", null, "application/json", "{not json", Map.of()), 400, "BAD_REQUEST");
    }

    @Test
    void wrongMethod() {
        assertProblem(api().send("DELETE", "/auth/login", null, null, null, Map.of()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void wrongMediaType() {
        assertProblem(api().send("POST", "/auth/login", null, "application/xml", "<x/>", Map.of()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void badPathParameter() {
        var response = api().get("/branches/abc/members", fixtures.token(fixtures.systemAdmin()));
        assertEquals(400, response.status(), response::toString);
    }

    @Test
    void evenABrowserGetsJson() {
        var response = api().send("GET", "/no/such/page", null, null, null, Map.of("Accept", "text/html"));
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/problem+json"), response::toString);
    }
}
