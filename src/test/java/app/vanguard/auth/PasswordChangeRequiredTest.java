package app.vanguard.auth;

import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member added with an initial password may only read /me and change the password until they do. */
@MicronautTest(transactional = false)
class PasswordChangeRequiredTest extends ApiTestBase {

    @Test
    void onlyMeAndThePasswordChangeUntilTheInitialPasswordIsChanged() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        String phone = Fixtures.newPhone();
        var created = api().post("/branches/" + branch.id() + "/members", secretary,
                Map.of("name", "新党员", "phone", phone, "status", "FULL"));
        assertEquals(201, created.status(), created::toString);
        String initial = created.json().get("initialPassword").asText();
        long memberId = created.json().get("member").get("id").asLong();
        var login = api().post("/auth/login", null, Map.of("phone", phone, "password", initial));
        assertEquals(200, login.status(), login::toString);
        String token = login.json().get("accessToken").asText();

        var me = api().get("/me", token);
        assertEquals(200, me.status());
        assertTrue(me.json().get("passwordChangeRequired").asBoolean());
        for (String path : new String[] {"/me/branch", "/reading/today", "/me/points", "/orgs/tree"}) {
            var refused = api().get(path, token);
            assertEquals(403, refused.status(), path + ": " + refused);
            assertEquals("PASSWORD_CHANGE_REQUIRED", refused.code(), path);
        }
        assertEquals(memberId, me.json().get("id").asLong());

        assertEquals(204, api().put("/me/password", token,
                Map.of("currentPassword", initial, "newPassword", "my-own-password-1")).status());
        var again = api().post("/auth/login", null, Map.of("phone", phone, "password", "my-own-password-1"));
        String fresh = again.json().get("accessToken").asText();
        assertFalse(api().get("/me", fresh).json().get("passwordChangeRequired").asBoolean());
        assertEquals(200, api().get("/me/branch", fresh).status());
    }
}
