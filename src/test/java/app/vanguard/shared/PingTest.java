package app.vanguard.shared;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bare endpoints answer without touching the database: anonymous, and behind a valid token. */
@MicronautTest(transactional = false)
class PingTest extends ApiTestBase {

    @Test
    void anonymousPing() {
        assertEquals("ok", api().get("/ping", null).json().get("status").asText());
    }

    @Test
    void authenticatedPingNeedsAToken() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        var response = api().get("/ping/auth", fixtures.token(member));
        assertEquals(200, response.status());
        assertEquals(member.id().toString(), response.json().get("memberId").asText());
        assertEquals(401, api().get("/ping/auth", null).status());
    }
}
