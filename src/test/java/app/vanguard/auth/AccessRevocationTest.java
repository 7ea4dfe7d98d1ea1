package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disabling a member, changing their roles or their password ends their access tokens at once, not when they expire
 * (per-member token generation, announced to every instance through Redis).
 */
@MicronautTest(transactional = false)
class AccessRevocationTest extends ApiTestBase {

    @Inject
    TokenGenerationStore store;
    @Inject
    StatefulRedisConnection<String, String> redis;

    private String login(Member member) {
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        return login.json().get("accessToken").asText();
    }

    @Test
    void aDisabledMemberIsRefusedOnTheNextRequest() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        String token = login(member);
        assertEquals(200, api().get("/me", token).status());

        var disabled = api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable",
                fixtures.token(fixtures.secretary(branch)), null);
        assertEquals(200, disabled.status(), disabled::toString);

        var after = api().get("/me", token);
        assertEquals(401, after.status(), after::toString);
        assertEquals(401, api().get("/reading/today", token).status());
    }

    @Test
    void aRevokedRoleStopsWorkingAtOnceAndARefreshBringsTheNewRoles() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member member = fixtures.member(branch);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        assertEquals(201, api().post("/orgs/" + branch.id() + "/roles", admin,
                Map.of("memberId", member.id(), "role", "SECRETARY")).status());
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        String secretaryToken = login.json().get("accessToken").asText();
        assertEquals(200, api().get("/branches/" + branch.id() + "/members", secretaryToken).status());

        assertEquals(204, api().delete("/orgs/" + branch.id() + "/roles/SECRETARY/" + member.id(), admin).status());
        assertEquals(401, api().get("/branches/" + branch.id() + "/members", secretaryToken).status());

        var refreshed = api().post("/auth/refresh", null,
                Map.of("refreshToken", login.json().get("refreshToken").asText()));
        assertEquals(200, refreshed.status(), refreshed::toString);
        String memberToken = refreshed.json().get("accessToken").asText();
        assertEquals(200, api().get("/me", memberToken).status());
        assertEquals(403, api().get("/branches/" + branch.id() + "/members", memberToken).status());
    }

    @Test
    void aPasswordChangeEndsTheOtherDevicesAccessTokens() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String phone = login(member);
        String tablet = login(member);
        assertEquals(204, api().put("/me/password", phone,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a-new-password-1")).status());
        assertEquals(401, api().get("/me", tablet).status());
        assertEquals(401, api().get("/me", phone).status());
        var again = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "a-new-password-1"));
        assertEquals(200, api().get("/me", again.json().get("accessToken").asText()).status());
    }

    /** Another instance raised the generation: this one learns it from the Redis channel, well within a second. */
    @Test
    void aRaiseAnnouncedByAnotherInstanceTakesEffectWithinASecond() throws InterruptedException {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String token = login(member);
        assertEquals(200, api().get("/me", token).status()); // cached here now
        long generation = store.raise(member.id()); // as another instance would, in MySQL...
        redis.sync().publish(TokenGenerations.CHANNEL, member.id() + ":" + generation); // ...and announced
        long deadline = System.nanoTime() + 1_000_000_000L;
        int status;
        do {
            status = api().get("/me", token).status();
            if (status != 401) {
                Thread.sleep(20);
            }
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status);
        assertTrue(api().get("/me", fixtures.token(member)).status() == 200, "a token issued now works");
    }
}
