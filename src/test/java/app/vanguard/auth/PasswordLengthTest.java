package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Passwords longer than BCrypt's 72 bytes are refused with 400 (new ones) or simply wrong (sign-in), never 500. */
@MicronautTest(transactional = false)
class PasswordLengthTest extends ApiTestBase {

    private static final String LONG_CHINESE = "党".repeat(25); // 25 characters, 75 bytes in UTF-8
    private static final String LONG_LATIN = "x".repeat(100);

    @Test
    void overlongPasswordsAreRefusedNotAServerError() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        var login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", LONG_LATIN));
        assertEquals(401, login.status(), login::toString);
        assertEquals("INVALID_CREDENTIALS", login.code());

        String token = fixtures.token(member);
        var change = api().put("/me/password", token, Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", LONG_CHINESE));
        assertEquals(400, change.status(), change::toString);
        assertEquals("VALIDATION_FAILED", change.code());
        assertEquals("newPassword", change.json().get("errors").get(0).get("field").asText());
        // Nothing changed: the old password still works.
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD)).status());

        var create = api().post("/branches/" + branch.id() + "/members", fixtures.token(fixtures.secretary(branch)),
                Map.of("name", "长密码", "phone", Fixtures.newPhone(), "status", "FULL", "initialPassword", LONG_CHINESE));
        assertEquals(400, create.status(), create::toString);
        assertEquals("initialPassword", create.json().get("errors").get(0).get("field").asText());
    }
}
