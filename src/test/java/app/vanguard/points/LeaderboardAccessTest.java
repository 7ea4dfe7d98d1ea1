package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every leaderboard endpoint, called by those who must be refused (a member, a secretary and the org admin of
 * another branch or subtree) and by those who may (members below the organisation, admins above it).
 */
@MicronautTest(transactional = false)
class LeaderboardAccessTest extends ApiTestBase {

    @Inject
    PointsService points;

    private Organisation committee;
    private Organisation general;
    private Organisation branch;
    private Organisation sibling;
    private Member member;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        branch = fixtures.branch(general);
        sibling = fixtures.branch(committee);
        member = fixtures.member(branch);
        points.award(member.id(), PointsAction.CONTEST, "contest:1", 10);
    }

    /** name → call for every board read of the organisation. */
    private Map<String, BiFunction<Api, String, Api.Response>> reads(Organisation org) {
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("top", (api, t) -> api.get("/leaderboards/" + org.id() + "?period=ALL", t));
        calls.put("me", (api, t) -> api.get("/leaderboards/" + org.id() + "/me", t));
        calls.put("branch ranking", (api, t) -> api.get("/orgs/" + org.id() + "/branch-ranking", t));
        return calls;
    }

    private Api.Response rebuild(String token, Long orgId) {
        return api().post("/admin/leaderboards/rebuild", token, orgId == null ? Map.of() : Map.of("orgId", orgId));
    }

    @Test
    void memberSeesTheirBranchAndEveryAncestorButNotASibling() {
        String token = fixtures.token(fixtures.member(branch));
        expectEach(200, reads(branch), token, "member");
        expectEach(200, reads(general), token, "member");
        expectEach(200, reads(committee), token, "member");
        expectEach(403, reads(sibling), token, "member");
        assertEquals(403, rebuild(token, branch.id()).status());
        assertEquals(403, rebuild(token, null).status());
    }

    @Test
    void memberOfAnotherBranchIsRefused() {
        String token = fixtures.token(fixtures.member(sibling));
        expectEach(403, reads(branch), token, "member of another branch");
        expectEach(403, reads(general), token, "member of another branch");
        expectEach(200, reads(committee), token, "member of another branch, on the common committee");
    }

    @Test
    void secretaryOfAnotherBranchIsRefused() {
        String token = fixtures.token(fixtures.secretary(sibling));
        expectEach(403, reads(branch), token, "other secretary");
        expectEach(403, reads(general), token, "other secretary");
        assertEquals(403, rebuild(token, branch.id()).status());
    }

    @Test
    void committeeMemberOfTheBranchMaySee() {
        Member committeeMember = fixtures.withRole(fixtures.member(sibling), Role.COMMITTEE_MEMBER, branch);
        expectEach(200, reads(branch), fixtures.token(committeeMember), "committee member of the branch");
    }

    @Test
    void adminOfAnotherSubtreeIsRefused() {
        String token = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        expectEach(403, reads(branch), token, "other admin");
        expectEach(403, reads(committee), token, "other admin");
        assertEquals(403, rebuild(token, committee.id()).status());
        assertEquals(403, rebuild(token, null).status(), "only a system admin rebuilds everything");
    }

    @Test
    void adminBelowTheOrganisationIsRefusedItsBoards() {
        String token = fixtures.token(fixtures.orgAdmin(general));
        expectEach(200, reads(general), token, "admin of the general branch");
        expectEach(200, reads(branch), token, "admin of the general branch");
        expectEach(403, reads(committee), token, "admin of the general branch, on the committee");
        expectEach(403, reads(sibling), token, "admin of the general branch, on a branch outside");
    }

    @Test
    void adminAboveMaySeeAndRebuildTheSubtree() {
        String token = fixtures.token(fixtures.orgAdmin(committee));
        expectEach(200, reads(committee), token, "admin above");
        expectEach(200, reads(branch), token, "admin above");
        Api.Response rebuilt = Rebuilds.startWhenFree(api(), token, general.id());
        JsonNode job = Rebuilds.awaitEnd(api(), token, Rebuilds.location(rebuilt));
        assertEquals("DONE", job.path("state").asText(), job::toString);
    }

    @Test
    void systemAdminMaySeeEverything() {
        String token = fixtures.token(fixtures.systemAdmin());
        expectEach(200, reads(branch), token, "system admin");
        expectEach(200, reads(sibling), token, "system admin");
    }

    @Test
    void groupsHaveNoBoardsAndUnknownOrganisationsAreNotFound() {
        String token = fixtures.token(fixtures.systemAdmin());
        Organisation group = fixtures.group(branch);
        expectEach(404, reads(group), token, "group");
        Api.Response unknown = api().get("/leaderboards/999999999", token);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.code());
        assertEquals(404, rebuild(token, 999999999L).status());
    }

    @Test
    void badParametersAreRefused() {
        String token = fixtures.token(member);
        for (String query : new String[]{"?period=YEAR", "?date=" + TestDates.year() + "-13-01", "?top=0", "?top=101"}) {
            Api.Response response = api().get("/leaderboards/" + branch.id() + query, token);
            assertEquals(400, response.status(), query + ": " + response);
            assertEquals("VALIDATION_FAILED", response.code(), query);
        }
        assertEquals(401, api().get("/leaderboards/" + branch.id(), null).status());
    }
}
