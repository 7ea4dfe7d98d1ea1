package app.vanguard.auth;

import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.TestServers;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One address trying many phones is stopped after the per-IP limit, whatever the phones. */
@MicronautTest(transactional = false)
@Property(name = "vanguard.auth.login.max-attempts-per-ip", value = "3")
class LoginThrottlePerIpTest extends ApiTestBase {

    @Test
    void sprayingManyPhonesFromOneAddressIsThrottled() {
        RedisClient client = RedisClient.create(TestServers.redisUri());
        try (var connection = client.connect()) {
            connection.sync().del("rl:login:ip:127.0.0.1");
        } finally {
            client.shutdown();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api().post("/auth/login", null, Map.of("phone", Fixtures.newPhone(), "password", "guess-123")).status());
        }
        var blocked = api().post("/auth/login", null, Map.of("phone", Fixtures.newPhone(), "password", "guess-123"));
        assertEquals(429, blocked.status(), blocked::toString);
        assertTrue(Long.parseLong(blocked.header("Retry-After").orElseThrow()) <= 60);
    }
}
