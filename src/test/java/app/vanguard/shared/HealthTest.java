package app.vanguard.shared;

import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health covers the database and Redis (details for system admins only); metrics are exported for Prometheus. */
@MicronautTest(transactional = false)
class HealthTest extends ApiTestBase {

    @Test
    void healthIsUpAndChecksDatabaseAndRedis() {
        var anonymous = api().get("/health", null);
        assertEquals(200, anonymous.status(), anonymous::toString);
        assertEquals("UP", anonymous.json().get("status").asText());
        assertFalse(anonymous.body().contains("jdbc:"), "anonymous callers see no addresses");

        // A signed-in member (even a secretary, or someone who registered themselves) sees the status only.
        var member = api().get("/health", fixtures.token(fixtures.secretary(fixtures.branch(fixtures.committee()))));
        assertEquals(200, member.status(), member::toString);
        assertFalse(member.json().has("details"), member::toString);
        assertFalse(member.body().contains("jdbc"), member::toString);

        var detailed = api().get("/health", fixtures.token(fixtures.systemAdmin()));
        assertTrue(detailed.json().get("details").has("jdbc"), detailed::toString);
        assertTrue(detailed.json().get("details").has("redis"), detailed::toString);
    }

    @Test
    void prometheusMetricsAreExported() {
        var metrics = api().get("/prometheus", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "jvm metrics");
        assertTrue(metrics.body().contains("hikaricp_connections"), "connection pool metrics");
    }
}
