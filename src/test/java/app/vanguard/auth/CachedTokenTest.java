package app.vanguard.auth;

import app.vanguard.org.Caller;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.ApiTestBase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verified access tokens are cached (signature and parsing skipped for a token seen before), yet a cached token
 * still stops working at once when the member is disabled, and when it expires.
 */
@MicronautTest(transactional = false)
class CachedTokenTest extends ApiTestBase {

    @Inject
    CachedTokenValidator validator;
    @Inject
    TokenGenerator tokenGenerator;
    @Inject
    TokenGenerations generations;

    @Test
    void aCachedTokenIsRefusedAtOnceWhenTheMemberIsDisabled() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        assertFalse(validator.holds(token));
        assertEquals(200, api().get("/me", token).status());
        assertTrue(validator.holds(token), "verified once, then kept");
        assertEquals(200, api().get("/me", token).status()); // from the cache
        assertEquals(200, api().get("/reading/today", token).status());

        var disabled = api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable",
                fixtures.token(fixtures.secretary(branch)), null);
        assertEquals(200, disabled.status(), disabled::toString);

        var after = api().get("/me", token);
        assertEquals(401, after.status(), after::toString);
        assertEquals("TOKEN_INVALID", after.code());
        assertEquals(401, api().get("/reading/today", token).status());
    }

    @Test
    void aTamperedCopyOfACachedTokenIsNotAccepted() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String token = fixtures.token(member);
        assertEquals(200, api().get("/me", token).status());
        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        var forged = api().get("/me", parts[0] + "." + parts[1] + "." + otherSignature);
        assertEquals(401, forged.status(), forged::toString);
        assertEquals(200, api().get("/me", token).status());
    }

    /** The cache never outlives the token: once its exp passes (system clock, as Micronaut stamps it), 401 TOKEN_EXPIRED. */
    @Test
    void aCachedTokenExpiresWithTheToken() throws InterruptedException {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        Authentication authentication = Authentication.build(member.id().toString(), Set.of(Role.MEMBER.name()),
                Map.of(Caller.NAME_CLAIM, member.name(), Caller.SCOPES_CLAIM, List.of(),
                        Caller.BRANCH_CLAIM, branch.id(), TokenService.GENERATION_CLAIM, generations.fresh(member.id())));
        String token = tokenGenerator.generateToken(authentication, 2).orElseThrow();
        assertEquals(200, api().get("/me", token).status());
        assertEquals(200, api().get("/me", token).status());
        assertTrue(validator.holds(token));

        long deadline = System.currentTimeMillis() + 5_000;
        int status;
        do {
            Thread.sleep(100);
            status = api().get("/me", token).status();
        } while (status == 200 && System.currentTimeMillis() < deadline);
        var expired = api().get("/me", token);
        assertEquals(401, expired.status(), expired::toString);
        assertEquals("TOKEN_EXPIRED", expired.code());
        assertFalse(validator.holds(token), "an expired token is not kept");
    }
}
