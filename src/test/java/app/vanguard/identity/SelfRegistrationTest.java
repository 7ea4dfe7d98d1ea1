package app.vanguard.identity;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Someone on no roster registers anonymously, signs in and declares; they stay off every roster until the
 * secretary verifies, then join the branch.
 */
@MicronautTest(transactional = false)
class SelfRegistrationTest extends IdentityTestBase {

    @Test
    void registrantSignsInDeclaresAndJoinsOnlyWhenVerified() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String secretary = fixtures.token(fixtures.secretary(branch));
        String phone = Fixtures.newPhone();

        Api.Response registered = api().post("/identity/registrations", null, Map.of("phone", phone, "name", "王小明",
                "password", "hidden-member-1", "branchId", branch.id(), "workplace", "东门专业市场3号"));
        assertEquals(201, registered.status(), registered::toString);
        assertMasked(registered, phone, true);
        assertEquals(branch.id(), registered.json().path("branch").path("id").asLong());

        Api.Response login = api().post("/auth/login", null, Map.of("phone", phone, "password", "hidden-member-1"));
        assertEquals(200, login.status(), login::toString);
        String token = login.json().path("accessToken").asText();
        assertTrue(api().get("/me", token).json().path("branch").isMissingNode(), "a registrant has no branch yet");
        int before = rosterSize(branch, secretary);

        // No branchId in the body: the branch given at registration receives it.
        long id = declare(token, declaration(null, false, "守法诚信经营"));
        Api.Response mine = api().get("/me/declarations/" + id, token);
        assertEquals(branch.id(), mine.json().path("branch").path("id").asLong());
        assertMasked(mine, phone, true);
        assertEquals(before, rosterSize(branch, secretary), "still off the roster while the declaration waits");

        // The secretary's single-declaration view shows the phone to call; the list masks it.
        Api.Response one = api().get("/branches/" + branch.id() + "/declarations/" + id, secretary);
        assertEquals(phone, one.json().path("member").path("phone").asText());
        assertMasked(api().get("/branches/" + branch.id() + "/declarations", secretary), phone, true);

        assertEquals(200, verify(branch, id, secretary).status());
        assertEquals(before + 1, rosterSize(branch, secretary));
        String refreshed = api().post("/auth/refresh", null,
                Map.of("refreshToken", login.json().path("refreshToken").asText())).json().path("accessToken").asText();
        Api.Response me = api().get("/me", refreshed);
        assertEquals(branch.id(), me.json().path("branch").path("id").asLong());
        assertEquals("东门专业市场", me.json().path("employer").asText());
        assertEquals("摊主", me.json().path("position").asText());
    }

    @Test
    void aTakenPhoneOrUnknownBranchIsRefused() {
        Organisation branch = fixtures.branch(fixtures.committee());
        var existing = fixtures.member(branch);
        Api.Response taken = api().post("/identity/registrations", null, Map.of("phone", existing.phone(), "name", "重复",
                "password", "hidden-member-1", "branchId", branch.id()));
        assertEquals(409, taken.status());
        assertEquals("PHONE_TAKEN", taken.code());
        assertFalse(taken.body().contains(existing.phone()));

        Api.Response unknown = api().post("/identity/registrations", null, Map.of("phone", Fixtures.newPhone(),
                "name", "某人", "password", "hidden-member-1", "branchId", 999_999_999L));
        assertEquals(404, unknown.status());
        Api.Response invalid = api().post("/identity/registrations", null, Map.of("phone", "12345", "name", "某人",
                "password", "short", "branchId", branch.id()));
        assertEquals(400, invalid.status());
        assertEquals("VALIDATION_FAILED", invalid.code());
    }

    private int rosterSize(Organisation branch, String token) {
        return (int) api().get("/branches/" + branch.id() + "/members", token).json().path("total").asLong();
    }
}
