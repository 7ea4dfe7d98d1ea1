package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LoginTest extends ApiTestBase {

    @Test
    void rightPasswordGivesTokensThatOpenTheApi() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        assertEquals("Bearer", login.json().get("tokenType").asText());
        assertFalse(login.json().get("refreshToken").asText().isEmpty());
        var me = api().get("/me", login.json().get("accessToken").asText());
        assertEquals(200, me.status(), me::toString);
        assertEquals(member.id().longValue(), me.json().get("id").asLong());
        assertEquals(branch.id().longValue(), me.json().get("branch").get("id").asLong());
    }

    @Test
    void wrongPasswordAndUnknownPhoneGetTheSameAnswer() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        var wrong = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", "not-it-at-all"));
        var unknown = api().post("/auth/login", null, Map.of("phone", Fixtures.newPhone(), "password", "whatever-1"));
        assertEquals(401, wrong.status());
        assertEquals("INVALID_CREDENTIALS", wrong.code());
        assertEquals(401, unknown.status());
        assertEquals("INVALID_CREDENTIALS", unknown.code());
    }

    @Test
    void disabledMemberCannotSignIn() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretary = fixtures.secretary(branch);
        Member member = fixtures.member(branch);
        assertEquals(200, api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable",
                fixtures.token(secretary), null).status());
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(403, login.status());
        assertEquals("ACCOUNT_DISABLED", login.code());
    }

    @Test
    void missingFieldsAreNamed() {
        var response = api().post("/auth/login", null, Map.of("phone", ""));
        assertEquals(400, response.status());
        assertEquals("VALIDATION_FAILED", response.code());
        String fields = response.json().get("errors").findValuesAsText("field").toString();
        assertTrue(fields.contains("phone") && fields.contains("password"), fields);
    }

    @Test
    void noTokenMeansUnauthorized() {
        var response = api().get("/me", null);
        assertEquals(401, response.status());
        assertEquals("UNAUTHORIZED", response.code());
        assertEquals("Bearer", response.header("WWW-Authenticate").orElse(null));
        var forged = api().get("/me", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        assertEquals(401, forged.status());
        assertEquals("TOKEN_INVALID", forged.code());
        assertEquals("Bearer error=\"invalid_token\"", forged.header("WWW-Authenticate").orElse(null));
        assertEquals("TOKEN_INVALID", api().get("/me", "garbage").code());
    }
}
