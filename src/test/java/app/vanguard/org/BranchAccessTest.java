package app.vanguard.org;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every branch endpoint, called by everyone who must be refused: a plain member of the branch, the secretary of
 * another branch, a committee member (read-only), and the admin of another subtree. And by those who may.
 */
@MicronautTest(transactional = false)
class BranchAccessTest extends ApiTestBase {

    private Organisation committee;
    private Organisation branch;
    private Member target;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        target = fixtures.member(branch);
    }

    /** name → call(api, token) for every endpoint under /branches/{branchId}/members. */
    private Map<String, BiFunction<Api, String, Api.Response>> reads() {
        String base = "/branches/" + branch.id() + "/members";
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("roster", (api, t) -> api.get(base, t));
        calls.put("get member", (api, t) -> api.get(base + "/" + target.id(), t));
        return calls;
    }

    private Map<String, BiFunction<Api, String, Api.Response>> writes() {
        String base = "/branches/" + branch.id() + "/members";
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("create", (api, t) -> api.post(base, t, newMember()));
        calls.put("update", (api, t) -> api.put(base + "/" + target.id(), t,
                Map.of("name", "改名", "phone", target.phone(), "status", "FULL")));
        calls.put("disable", (api, t) -> api.post(base + "/" + target.id() + "/disable", t, null));
        calls.put("enable", (api, t) -> api.post(base + "/" + target.id() + "/enable", t, null));
        calls.put("import", (api, t) -> api.send("POST", base + "/import", t, "text/csv",
                "name,phone,status,joinedOn,group,employer,position\n导入," + app.vanguard.support.Fixtures.newPhone()
                        + ",FULL,,,,\n", Map.of()));
        return calls;
    }

    private static Map<String, Object> newMember() {
        return Map.of("name", "新党员", "phone", app.vanguard.support.Fixtures.newPhone(), "status", "PROBATIONARY");
    }

    @Test
    void plainMemberOfTheBranchIsRefusedEverything() {
        String token = fixtures.token(fixtures.member(branch));
        expectEach(403, reads(), token, "member");
        expectEach(403, writes(), token, "member");
    }

    @Test
    void secretaryOfAnotherBranchIsRefusedEverything() {
        String token = fixtures.token(fixtures.secretary(fixtures.branch(committee)));
        expectEach(403, reads(), token, "other secretary");
        expectEach(403, writes(), token, "other secretary");
    }

    @Test
    void adminOfAnotherSubtreeIsRefusedEverything() {
        String token = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        expectEach(403, reads(), token, "other admin");
        expectEach(403, writes(), token, "other admin");
    }

    @Test
    void committeeMemberMayReadButNotChange() {
        Member committeeMember = fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch);
        String token = fixtures.token(committeeMember);
        expectEach(200, reads(), token, "committee member");
        expectEach(403, writes(), token, "committee member");
    }

    @Test
    void secretaryOfTheBranchMayDoEverything() {
        String token = fixtures.token(fixtures.secretary(branch));
        expectEach(200, reads(), token, "secretary");
        Map<String, BiFunction<Api, String, Api.Response>> writes = writes();
        assertEquals(201, writes.get("create").apply(api(), token).status());
        assertEquals(200, writes.get("update").apply(api(), token).status());
        assertEquals(200, writes.get("disable").apply(api(), token).status());
        assertEquals(200, writes.get("enable").apply(api(), token).status());
        assertEquals(201, writes.get("import").apply(api(), token).status());
    }

    @Test
    void adminAboveTheBranchMayDoEverything() {
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        branch = fixtures.branch(general);
        target = fixtures.member(branch);
        String token = fixtures.token(fixtures.orgAdmin(committee));
        expectEach(200, reads(), token, "admin above");
        assertEquals(201, writes().get("create").apply(api(), token).status());
    }

    @Test
    void memberOfAnotherBranchCannotBeReachedThroughMyBranch() {
        Organisation other = fixtures.branch(committee);
        Member stranger = fixtures.member(other);
        String token = fixtures.token(fixtures.secretary(branch));
        String path = "/branches/" + branch.id() + "/members/" + stranger.id();
        for (Api.Response response : List.of(api().get(path, token),
                api().put(path, token, Map.of("name", "x", "phone", stranger.phone(), "status", "FULL")),
                api().post(path + "/disable", token, null))) {
            assertEquals(404, response.status(), response::toString);
        }
    }

    @Test
    void unknownBranchIsNotFound() {
        var response = api().get("/branches/999999999/members", fixtures.token(fixtures.systemAdmin()));
        assertEquals(404, response.status());
        assertEquals("NOT_FOUND", response.code());
    }
}
