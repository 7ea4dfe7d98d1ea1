package app.vanguard.shared;

import app.vanguard.support.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a metrics token configured, /prometheus answers only scrapes that present it (even from this machine). */
@MicronautTest(transactional = false)
@Property(name = "vanguard.metrics.token", value = MetricsTokenTest.TOKEN)
class MetricsTokenTest extends ApiTestBase {

    static final String TOKEN = "scrape-token-0123456789abcdef";

    @Test
    void metricsNeedTheToken() {
        var anonymous = api().get("/prometheus", null);
        assertEquals(403, anonymous.status(), anonymous::toString);
        assertEquals("FORBIDDEN", anonymous.code());
        assertEquals(403, api().send("GET", "/prometheus", null, null, null, Map.of("X-Metrics-Token", "wrong")).status());
        // A member's access token is not a scrape token.
        assertEquals(403, api().get("/prometheus", fixtures.token(fixtures.systemAdmin())).status());

        var scrape = api().send("GET", "/prometheus", null, null, null, Map.of("X-Metrics-Token", TOKEN));
        assertEquals(200, scrape.status(), scrape::toString);
        assertTrue(scrape.body().contains("jvm_memory_used_bytes"));
    }
}
