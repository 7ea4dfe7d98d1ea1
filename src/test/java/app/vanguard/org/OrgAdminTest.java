package app.vanguard.org;

import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Org admins see and change their own subtree only. */
@MicronautTest(transactional = false)
class OrgAdminTest extends ApiTestBase {

    @Test
    void treeShowsOnlyMySubtreeWithMemberCounts() {
        Organisation mine = fixtures.committee();
        Organisation branch = fixtures.branch(mine);
        fixtures.member(branch);
        fixtures.member(branch);
        Organisation theirs = fixtures.committee();
        fixtures.branch(theirs);
        var tree = api().get("/orgs/tree", fixtures.token(fixtures.orgAdmin(mine)));
        assertEquals(200, tree.status(), tree::toString);
        assertEquals(1, tree.json().size());
        assertEquals(mine.id().longValue(), tree.json().get(0).get("id").asLong());
        assertEquals(2, tree.json().get(0).get("memberCount").asLong());
        assertEquals(branch.id().longValue(), tree.json().get(0).get("children").get(0).get("id").asLong());

        var memberTree = api().get("/orgs/tree", fixtures.token(fixtures.member(branch)));
        assertEquals(0, memberTree.json().size());
    }

    @Test
    void searchFindsMembersInMySubtreeOnly() {
        Organisation mine = fixtures.committee();
        Member found = fixtures.member(fixtures.branch(fixtures.org(mine, OrgType.GENERAL_BRANCH, "总支")));
        Organisation theirs = fixtures.committee();
        fixtures.member(fixtures.branch(theirs));
        String token = fixtures.token(fixtures.orgAdmin(mine));

        var result = api().get("/orgs/" + mine.id() + "/members?q=" + found.phone(), token);
        assertEquals(200, result.status(), result::toString);
        assertEquals(1, result.json().get("total").asLong());
        assertEquals(found.id().longValue(), result.json().get("items").get(0).get("id").asLong());

        var denied = api().get("/orgs/" + theirs.id() + "/members?q=", token);
        assertEquals(403, denied.status());
        var secretaryDenied = api().get("/orgs/" + mine.id() + "/members",
                fixtures.token(fixtures.secretary(fixtures.branch(mine))));
        assertEquals(403, secretaryDenied.status());
    }

    @Test
    void creatingOrganisationsFollowsTheTreeRules() {
        Organisation mine = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(mine));
        var branch = api().post("/orgs", admin, Map.of("parentId", mine.id(), "type", "BRANCH", "name", "新支部"));
        assertEquals(201, branch.status(), branch::toString);
        long branchId = branch.json().get("id").asLong();

        var badChild = api().post("/orgs", admin, Map.of("parentId", branchId, "type", "COMMITTEE", "name", "x"));
        assertEquals(400, badChild.status());

        var elsewhere = api().post("/orgs", admin, Map.of("parentId", fixtures.committee().id(), "type", "BRANCH", "name", "x"));
        assertEquals(403, elsewhere.status());

        Map<String, Object> root = new HashMap<>(Map.of("type", "COMMITTEE", "name", "新党委"));
        assertEquals(403, api().post("/orgs", admin, root).status());
        assertEquals(201, api().post("/orgs", fixtures.token(fixtures.systemAdmin()), root).status());

        // A secretary may add groups to their own branch, nothing else.
        Organisation own = fixtures.branch(mine);
        String secretary = fixtures.token(fixtures.secretary(own));
        assertEquals(201, api().post("/orgs", secretary, Map.of("parentId", own.id(), "type", "GROUP", "name", "一组")).status());
        assertEquals(403, api().post("/orgs", secretary, Map.of("parentId", mine.id(), "type", "BRANCH", "name", "x")).status());
    }

    @Test
    void grantingRolesStaysInsideTheSubtree() {
        Organisation mine = fixtures.committee();
        Organisation branch = fixtures.branch(mine);
        Member member = fixtures.member(branch);
        String admin = fixtures.token(fixtures.orgAdmin(mine));

        var granted = api().post("/orgs/" + branch.id() + "/roles", admin, Map.of("memberId", member.id(), "role", "SECRETARY"));
        assertEquals(201, granted.status(), granted::toString);
        String token = fixtures.token(member);
        assertEquals(200, api().get("/branches/" + branch.id() + "/members", token).status());
        var me = api().get("/me", token);
        assertTrue(me.json().get("roles").findValuesAsText("role").contains("SECRETARY"));

        Member outsider = fixtures.member(fixtures.branch(mine));
        var wrongBranch = api().post("/orgs/" + branch.id() + "/roles", admin, Map.of("memberId", outsider.id(), "role", "SECRETARY"));
        assertEquals(400, wrongBranch.status());

        Organisation theirs = fixtures.branch(fixtures.committee());
        var foreign = api().post("/orgs/" + theirs.id() + "/roles", admin, Map.of("memberId", member.id(), "role", "SECRETARY"));
        assertEquals(403, foreign.status());
        var bySecretary = api().post("/orgs/" + branch.id() + "/roles", token, Map.of("memberId", member.id(), "role", "COMMITTEE_MEMBER"));
        assertEquals(403, bySecretary.status());

        String otherAdmin = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        assertEquals(403, api().delete("/orgs/" + branch.id() + "/roles/SECRETARY/" + member.id(), otherAdmin).status());
        assertEquals(403, api().delete("/orgs/" + branch.id() + "/roles/SECRETARY/" + member.id(), token).status());
        assertEquals(204, api().delete("/orgs/" + branch.id() + "/roles/SECRETARY/" + member.id(), admin).status());
        assertEquals(403, api().get("/branches/" + branch.id() + "/members", fixtures.token(member)).status());
    }
}
