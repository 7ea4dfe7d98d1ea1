package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Five wrong passwords lock the phone for the window, even against the right password, with 429 + Retry-After. */
@MicronautTest(transactional = false)
class LoginThrottleTest extends ApiTestBase {

    @Test
    void repeatedFailuresLockThePhone() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "wrong-" + i)).status());
        }
        var locked = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(429, locked.status(), locked::toString);
        assertEquals("TOO_MANY_REQUESTS", locked.code());
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);

        // Another phone is not affected.
        Member other = fixtures.member(fixtures.branch(fixtures.committee()));
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", other.phone(), "password", Fixtures.PASSWORD)).status());
    }

    @Test
    void successClearsEarlierFailures() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        for (int i = 0; i < 4; i++) {
            api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "wrong-" + i));
        }
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD)).status());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "again-" + i)).status());
        }
    }
}
