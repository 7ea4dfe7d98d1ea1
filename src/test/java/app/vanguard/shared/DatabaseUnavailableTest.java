package app.vanguard.shared;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With every pooled connection taken (a stalled database holds them all), requests answer 503 at once, not 500. */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.maximum-pool-size", value = "3")
@Property(name = "datasources.default.connection-timeout", value = "300")
class DatabaseUnavailableTest extends ApiTestBase {

    @Inject
    DataSource dataSource;

    @Test
    void anExhaustedPoolAnswers503WithRetryAfter() throws Exception {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String token = fixtures.token(member);
        assertEquals(200, api().get("/me", token).status());

        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(raw.getConnection());
            }
            long started = System.nanoTime();
            var response = api().get("/me", token);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, response.status(), response::toString);
            assertEquals("SERVICE_UNAVAILABLE", response.code());
            assertTrue(response.header("Retry-After").isPresent(), response::toString);
            assertTrue(millis < 1500, "answered in " + millis + " ms");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertEquals(200, api().get("/me", token).status());
    }
}
