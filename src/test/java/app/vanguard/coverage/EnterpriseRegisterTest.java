package app.vanguard.coverage;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registering enterprises: the credit-code check, the survey's rules, member links, and the 3-full-members list. */
@MicronautTest(transactional = false)
class EnterpriseRegisterTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Api.Response register(long orgId, String token, Map<String, Object> body) {
        return api().post("/orgs/" + orgId + "/enterprises", token, body);
    }

    @Test
    void theCreditCodeCheckCharacterIsValidated() {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));

        // The worked example of GB 32100-2015, typed in lower case: accepted and stored upper-case.
        Map<String, Object> good = Enterprises.firm(1, "NONE");
        good.put("creditCode", " 91350100m000100y43 ");
        Api.Response created = register(committee.id(), admin, good);
        assertEquals(201, created.status(), created::toString);
        assertEquals("91350100M000100Y43", created.json().path("creditCode").asText());

        // Registered twice: refused.
        Map<String, Object> again = Enterprises.firm(1, "NONE");
        again.put("creditCode", "91350100M000100Y43");
        Api.Response taken = register(committee.id(), admin, again);
        assertEquals(409, taken.status());
        assertEquals("CREDIT_CODE_TAKEN", taken.code());

        for (String bad : new String[]{"91350100M000100Y44", // wrong check character
                "91350100M000100I43",                      // I is not in the character set
                "91350100M000100Y4",                       // 17 characters
                "91350100M000100Y430"}) {                   // 19 characters
            Map<String, Object> body = Enterprises.firm(1, "NONE");
            body.put("creditCode", bad);
            Api.Response r = register(committee.id(), admin, body);
            assertEquals(400, r.status(), bad + ": " + r);
            assertEquals("VALIDATION_FAILED", r.code());
            assertEquals("creditCode", r.json().path("errors").get(0).path("field").asText(), r::toString);
        }
        // Generated codes with a computed check character pass; change any one character and they fail.
        for (int i = 0; i < 5; i++) {
            String code = Enterprises.creditCode();
            Map<String, Object> body = Enterprises.firm(0, "NONE");
            body.put("creditCode", code);
            assertEquals(201, register(committee.id(), admin, body).status(), code);
            char last = code.charAt(17);
            String flipped = code.substring(0, 17) + (last == '0' ? '1' : '0');
            body.put("creditCode", flipped);
            assertEquals(400, register(committee.id(), admin, body).status(), flipped);
        }

        // A firm must have one; a sole trader (个体工商户) may have none.
        Map<String, Object> firm = Enterprises.firm(1, "NONE");
        firm.remove("creditCode");
        assertEquals(400, register(committee.id(), admin, firm).status());
        Api.Response soleTrader = register(committee.id(), admin,
                Enterprises.body("老王五金店", "罗湖区", "SOLE_TRADER", 1, 0, "NONE"));
        assertEquals(201, soleTrader.status(), soleTrader::toString);
        assertTrue(soleTrader.json().path("creditCode").isMissingNode());
    }

    @Test
    void theSurveysRulesAreChecked() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Organisation otherBranch = fixtures.branch(fixtures.committee());
        String admin = fixtures.token(fixtures.orgAdmin(committee));

        Map<String, Object> elsewhere = Enterprises.firm(2, "JOINT");
        elsewhere.put("membersRelationsElsewhere", 3);
        assertField(register(committee.id(), admin, elsewhere), "membersRelationsElsewhere");

        Map<String, Object> outside = Enterprises.firm(2, "JOINT");
        outside.put("branchId", otherBranch.id());
        assertField(register(committee.id(), admin, outside), "branchId");

        Map<String, Object> none = Enterprises.firm(2, "NONE");
        none.put("branchId", branch.id());
        assertField(register(committee.id(), admin, none), "branchId");

        Map<String, Object> negative = Enterprises.firm(-1, "NONE");
        assertEquals(400, register(committee.id(), admin, negative).status());
        Map<String, Object> badKind = Enterprises.firm(1, "NONE");
        badKind.put("kind", "FACTORY");
        assertEquals(400, register(committee.id(), admin, badKind).status());
        Map<String, Object> badPhone = Enterprises.firm(1, "NONE");
        badPhone.put("instructorPhone", "12345");
        assertField(register(committee.id(), admin, badPhone), "instructorPhone");

        Map<String, Object> joint = Enterprises.firm(2, "JOINT");
        joint.put("branchId", branch.id());
        Api.Response ok = register(committee.id(), admin, joint);
        assertEquals(201, ok.status(), ok::toString);
        assertEquals(branch.id(), ok.json().path("branchId").asLong());
        assertEquals(0, api().get("/orgs/" + committee.id() + "/enterprises", admin).json().path("total").asLong() - 1);
    }

    @Test
    void membersOfTheSubtreeAreLinkedToTheEnterpriseTheyWorkIn() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        long id = register(committee.id(), admin, Enterprises.firm(1, "JOINT")).json().path("id").asLong();
        long other = register(committee.id(), admin, Enterprises.firm(1, "JOINT")).json().path("id").asLong();
        Member member = fixtures.member(branch);
        Member stranger = fixtures.member(fixtures.branch(fixtures.committee()));

        Api.Response linked = api().put("/enterprises/" + id + "/members/" + member.id(), admin, Map.of());
        assertEquals(200, linked.status(), linked::toString);
        assertEquals(member.id(), linked.json().path("memberIds").get(0).asLong());
        assertEquals(404, api().put("/enterprises/" + id + "/members/" + stranger.id(), admin, Map.of()).status());
        // Moving to another enterprise leaves the first.
        api().put("/enterprises/" + other + "/members/" + member.id(), admin, Map.of());
        assertEquals(0, api().get("/enterprises/" + id, admin).json().path("memberIds").size());
        assertEquals(200, api().delete("/enterprises/" + other + "/members/" + member.id(), admin).status());
        assertEquals(404, api().delete("/enterprises/" + other + "/members/" + member.id(), admin).status());
    }

    @Test
    void firmsWithThreeFullMembersAndNoOwnBranchAreListedWithHowLongTheyHaveBeenDue() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, app.vanguard.org.OrgType.GENERAL_BRANCH, "总支");
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String otherAdmin = fixtures.token(fixtures.orgAdmin(fixtures.committee()));

        clock.set(TestDates.at(-20, 10, 0));
        long joint = register(committee.id(), admin, Enterprises.firm(3, "JOINT")).json().path("id").asLong();
        clock.set(TestDates.at(-5, 10, 0));
        long none = register(general.id(), admin, Enterprises.firm(5, "NONE")).json().path("id").asLong();
        register(committee.id(), admin, Enterprises.firm(3, "OWN"));            // has its own branch
        register(committee.id(), admin, Enterprises.firm(2, "NONE"));           // 2 full members
        Map<String, Object> probationary = Enterprises.firm(2, "NONE");        // 2 full + 3 probationary
        probationary.put("probationaryMembers", 3);
        register(committee.id(), admin, probationary);
        clock.reset();

        List<JsonNode> due = items(api().get("/orgs/" + committee.id() + "/enterprises/own-branch-due", admin));
        assertEquals(2, due.size(), due::toString);
        assertEquals(joint, due.get(0).path("id").asLong());
        assertEquals(20, due.get(0).path("daysDue").asLong());
        assertEquals(TestDates.day(-20).toString(), due.get(0).path("dueSince").asText());
        assertEquals(none, due.get(1).path("id").asLong());
        assertEquals(5, due.get(1).path("daysDue").asLong());
        // The general branch's list holds only its own.
        assertEquals(1, items(api().get("/orgs/" + general.id() + "/enterprises/own-branch-due", admin)).size());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/enterprises/own-branch-due", otherAdmin).status());

        // An update that keeps it due keeps the first day; an own branch, or fewer full members, clears it.
        Map<String, Object> stillDue = Enterprises.firm(4, "AFFILIATED");
        Api.Response updated = api().put("/enterprises/" + joint, admin, stillDue);
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(TestDates.day(-20).toString(), updated.json().path("ownBranchDueSince").asText());
        Map<String, Object> own = Enterprises.firm(4, "OWN");
        assertTrue(api().put("/enterprises/" + joint, admin, own).json().path("ownBranchDueSince").isMissingNode());
        api().put("/enterprises/" + none, admin, Enterprises.firm(2, "NONE"));
        assertEquals(0, items(api().get("/orgs/" + committee.id() + "/enterprises/own-branch-due", admin)).size());
    }

    @Test
    void aBranchSeesTheEnterprisesItCovers() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Map<String, Object> covered = Enterprises.firm(2, "JOINT");
        covered.put("branchId", branch.id());
        long id = register(committee.id(), admin, covered).json().path("id").asLong();
        register(committee.id(), admin, Enterprises.firm(2, "NONE"));
        String path = "/branches/" + branch.id() + "/enterprises";

        List<JsonNode> seen = items(api().get(path, fixtures.token(fixtures.secretary(branch))));
        assertEquals(1, seen.size());
        assertEquals(id, seen.get(0).path("id").asLong());
        assertEquals(1, items(api().get(path, fixtures.token(fixtures.withRole(fixtures.member(branch),
                app.vanguard.org.Role.COMMITTEE_MEMBER, branch)))).size());
        assertEquals(1, items(api().get(path, admin)).size());
        assertEquals(403, api().get(path, fixtures.token(fixtures.member(branch))).status());
        assertEquals(403, api().get(path, fixtures.token(fixtures.secretary(fixtures.branch(committee)))).status());
        assertEquals(403, api().get(path, fixtures.token(fixtures.orgAdmin(fixtures.committee()))).status());
        assertEquals(401, api().get(path, null).status());
    }

    private static List<JsonNode> items(Api.Response r) {
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("items").forEach(out::add); // a page: {items, page, size, total}
        return out;
    }

    private static void assertField(Api.Response r, String field) {
        assertEquals(400, r.status(), r::toString);
        assertEquals("VALIDATION_FAILED", r.code());
        assertTrue(r.json().path("errors").findValuesAsText("field").contains(field), r::toString);
    }
}
