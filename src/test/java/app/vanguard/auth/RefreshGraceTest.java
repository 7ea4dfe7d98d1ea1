package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A refresh whose answer was lost can be retried within 10 s and gets the same pair; later it is reuse. */
@MicronautTest(transactional = false)
class RefreshGraceTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String signIn(Member member) {
        return api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD))
                .json().get("refreshToken").asText();
    }

    @Test
    void aRetryWithinTheGraceGetsTheSameSuccessorPair() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String first = signIn(member);
        var original = api().post("/auth/refresh", null, Map.of("refreshToken", first));
        assertEquals(200, original.status(), original::toString);
        clock.advance(Duration.ofSeconds(5));
        var retry = api().post("/auth/refresh", null, Map.of("refreshToken", first));
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(original.json().get("refreshToken").asText(), retry.json().get("refreshToken").asText());
        assertEquals(original.json().get("accessToken").asText(), retry.json().get("accessToken").asText());
        // The sign-in goes on with that pair.
        assertEquals(200, api().get("/me", retry.json().get("accessToken").asText()).status());
        assertEquals(200, api().post("/auth/refresh", null,
                Map.of("refreshToken", retry.json().get("refreshToken").asText())).status());
    }

    @Test
    void afterTheGraceReuseStillEndsTheSignIn() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String first = signIn(member);
        String second = api().post("/auth/refresh", null, Map.of("refreshToken", first)).json().get("refreshToken").asText();
        clock.advance(Duration.ofSeconds(11));
        var replay = api().post("/auth/refresh", null, Map.of("refreshToken", first));
        assertEquals(401, replay.status(), replay::toString);
        assertEquals("REFRESH_TOKEN_REUSED", replay.code());
        assertEquals(401, api().post("/auth/refresh", null, Map.of("refreshToken", second)).status());
    }
}
