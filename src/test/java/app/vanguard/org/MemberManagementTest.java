package app.vanguard.org;

import app.vanguard.support.TestDates;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A secretary adds, edits and disables members of their branch. */
@MicronautTest(transactional = false)
class MemberManagementTest extends ApiTestBase {

    @Test
    void addEditDisable() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Organisation group = fixtures.group(branch);
        String token = fixtures.token(fixtures.secretary(branch));
        String base = "/branches/" + branch.id() + "/members";
        String phone = Fixtures.newPhone();
        var created = api().post(base, token, Map.of("name", "王小明", "phone", phone, "status", "PROBATIONARY",
                "joinedOn", TestDates.day(-400).toString(), "groupId", group.id(), "employer", "王记水果店", "position", "店主"));
        assertEquals(201, created.status(), created::toString);
        long id = created.json().get("member").get("id").asLong();
        assertEquals(10, created.json().get("initialPassword").asText().length());

        Map<String, Object> edit = new HashMap<>(Map.of("name", "王晓明", "phone", phone, "status", "FULL"));
        var updated = api().put(base + "/" + id, token, edit);
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("FULL", updated.json().get("status").asText());
        assertFalse(updated.json().has("groupId"));

        var disabled = api().post(base + "/" + id + "/disable", token, null);
        assertFalse(disabled.json().get("enabled").asBoolean());
        assertEquals(0, api().get(base, token).json().get("items").findValuesAsText("phone").stream()
                .filter(phone::equals).count());
        assertEquals(1, api().get(base + "?includeDisabled=true", token).json().get("items")
                .findValuesAsText("phone").stream().filter(phone::equals).count());
    }

    @Test
    void phoneMustBeUniqueAndValid() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String token = fixtures.token(fixtures.secretary(branch));
        String taken = fixtures.member(fixtures.branch(fixtures.committee())).phone();
        var duplicate = api().post("/branches/" + branch.id() + "/members", token,
                Map.of("name", "重复", "phone", taken, "status", "FULL"));
        assertEquals(409, duplicate.status());
        assertEquals("PHONE_TAKEN", duplicate.code());
        var invalid = api().post("/branches/" + branch.id() + "/members", token,
                Map.of("name", "", "phone", "123", "status", "FULL"));
        assertEquals(400, invalid.status());
        assertEquals("VALIDATION_FAILED", invalid.code());
        assertEquals(2, invalid.json().get("errors").size(), invalid::toString);
    }

    @Test
    void groupMustBelongToTheBranch() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Organisation foreignGroup = fixtures.group(fixtures.branch(fixtures.committee()));
        var response = api().post("/branches/" + branch.id() + "/members", fixtures.token(fixtures.secretary(branch)),
                Map.of("name", "张", "phone", Fixtures.newPhone(), "status", "FULL", "groupId", foreignGroup.id()));
        assertEquals(400, response.status());
        assertEquals("groupId", response.json().get("errors").get(0).get("field").asText());
    }
}
