package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Refresh tokens rotate on every use; a reused one ends its whole sign-in. */
@MicronautTest(transactional = false)
class RefreshTokenTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Past the grace in which a rotated token may be retried (see RefreshGraceTest). */
    private void afterGrace() {
        clock.advance(Duration.ofSeconds(11));
    }

    private Api.Response login(Member member) {
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        return login;
    }

    private Api.Response refresh(String refreshToken) {
        return api().post("/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    @Test
    void eachRefreshGivesANewRefreshToken() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String first = login(member).json().get("refreshToken").asText();
        var second = refresh(first);
        assertEquals(200, second.status(), second::toString);
        String secondToken = second.json().get("refreshToken").asText();
        assertNotEquals(first, secondToken);
        assertEquals(200, api().get("/me", second.json().get("accessToken").asText()).status());
        assertEquals(200, refresh(secondToken).status());
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String first = login(member).json().get("refreshToken").asText();
        String second = refresh(first).json().get("refreshToken").asText();
        afterGrace();

        var replay = refresh(first);
        assertEquals(401, replay.status());
        assertEquals("REFRESH_TOKEN_REUSED", replay.code());
        // The legitimate holder's newer token is dead too: the thief and the owner both sign in again.
        var afterReplay = refresh(second);
        assertEquals(401, afterReplay.status());
        assertEquals("REFRESH_TOKEN_REVOKED", afterReplay.code());
    }

    @Test
    void anotherSignInIsNotAffectedByAReplay() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String phoneToken = login(member).json().get("refreshToken").asText();
        String tabletToken = login(member).json().get("refreshToken").asText();
        refresh(phoneToken);
        afterGrace();
        assertEquals(401, refresh(phoneToken).status());
        assertEquals(200, refresh(tabletToken).status());
    }

    @Test
    void unknownTokenIsRejected() {
        var response = refresh("not-a-token-we-issued");
        assertEquals(401, response.status());
        assertEquals("REFRESH_TOKEN_INVALID", response.code());
    }

    @Test
    void rolesAreReloadedOnRefresh() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        var login = login(member);
        String roster = "/branches/" + branch.id() + "/members";
        assertEquals(403, api().get(roster, login.json().get("accessToken").asText()).status());

        fixtures.withRole(member, Role.SECRETARY, branch);
        var refreshed = refresh(login.json().get("refreshToken").asText());
        assertEquals(200, api().get(roster, refreshed.json().get("accessToken").asText()).status());
    }

    @Test
    void logoutEndsTheSignIn() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String token = login(member).json().get("refreshToken").asText();
        assertEquals(204, api().post("/auth/logout", null, Map.of("refreshToken", token)).status());
        assertEquals(401, refresh(token).status());
        assertEquals("REFRESH_TOKEN_REVOKED", refresh(token).code(), "an ended sign-in is not an alarm");
        // Signing out twice is harmless.
        assertEquals(204, api().post("/auth/logout", null, Map.of("refreshToken", token)).status());
    }

    @Test
    void passwordChangeEndsEverySignIn() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        var login = login(member);
        String access = login.json().get("accessToken").asText();
        var wrong = api().put("/me/password", access, Map.of("currentPassword", "not-mine-1", "newPassword", "brand-new-pass"));
        assertEquals(400, wrong.status());
        assertEquals("CURRENT_PASSWORD_WRONG", wrong.code());
        assertEquals(204, api().put("/me/password", access,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "brand-new-pass")).status());
        assertEquals(401, refresh(login.json().get("refreshToken").asText()).status());
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "brand-new-pass")).status());
    }

    @Test
    void disabledMemberCannotRefresh() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        String token = login(member).json().get("refreshToken").asText();
        api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable",
                fixtures.token(fixtures.secretary(branch)), null);
        assertEquals(401, refresh(token).status());
        assertEquals("REFRESH_TOKEN_REVOKED", refresh(token).code());
    }
}
