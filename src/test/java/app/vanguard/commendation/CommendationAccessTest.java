package app.vanguard.commendation;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may do what in a round: the committee's admins everything; a sub-organisation holding a quota (its admin, or a
 * branch's secretary) reads the round and nominates and reads its own nominations only; everyone else is refused.
 */
@MicronautTest(transactional = false)
class CommendationAccessTest extends ApiTestBase {

    private Organisation committee;
    private Organisation general;
    private Organisation inner;
    private Organisation branch;
    private long round;
    private long generalNomination;
    private long branchNomination;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        inner = fixtures.branch(general);
        branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        round = api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, Map.of(
                "title", "表彰", "deadline", TestDates.day(10).toString(),
                "categories", List.of(Map.of("category", "OUTSTANDING_MEMBER")),
                "quotas", List.of(Map.of("orgId", general.id(), "category", "OUTSTANDING_MEMBER", "quota", 3),
                        Map.of("orgId", branch.id(), "category", "OUTSTANDING_MEMBER", "quota", 3)))).json().path("id").asLong();
        generalNomination = nominate(admin, general, 1, fixtures.member(inner)).json().path("id").asLong();
        branchNomination = nominate(admin, branch, 1, fixtures.member(branch)).json().path("id").asLong();
    }

    private Api.Response nominate(String token, Organisation subOrg, int rank, Member member) {
        return api().post("/commendation-rounds/" + round + "/nominations", token, Map.of("subOrgId", subOrg.id(),
                "category", "OUTSTANDING_MEMBER", "rank", rank, "memberId", member.id(), "deeds", "事迹"));
    }

    /** The committee's own endpoints. */
    private Map<String, BiFunction<Api, String, Api.Response>> committeeCalls() {
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("open round", (api, t) -> api.post("/orgs/" + committee.id() + "/commendation-rounds", t, Map.of(
                "title", "表彰", "deadline", TestDates.day(10).toString(),
                "categories", List.of(Map.of("category", "OUTSTANDING_MEMBER")),
                "quotas", List.of(Map.of("orgId", general.id(), "category", "OUTSTANDING_MEMBER", "quota", 1)))));
        calls.put("list rounds", (api, t) -> api.get("/orgs/" + committee.id() + "/commendation-rounds", t));
        calls.put("export", (api, t) -> api.get("/commendation-rounds/" + round
                + "/nominations/export?category=OUTSTANDING_MEMBER", t));
        calls.put("review", (api, t) -> api.post("/nominations/" + generalNomination + "/review", t,
                Map.of("action", "START_REVIEW")));
        calls.put("objection", (api, t) -> api.post("/nominations/" + generalNomination + "/objections", t,
                Map.of("text", "异议")));
        return calls;
    }

    /** What a quota holder reaches too. */
    private Map<String, BiFunction<Api, String, Api.Response>> readCalls() {
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("get round", (api, t) -> api.get("/commendation-rounds/" + round, t));
        calls.put("list nominations", (api, t) -> api.get("/commendation-rounds/" + round + "/nominations", t));
        return calls;
    }

    private void refusedEverything(String token, String who) {
        expectEach(403, committeeCalls(), token, who);
        expectEach(403, readCalls(), token, who);
        assertEquals(403, api().get("/nominations/" + generalNomination, token).status(), who);
        assertEquals(403, api().get("/nominations/" + branchNomination, token).status(), who);
        assertEquals(403, nominate(token, general, 2, fixtures.member(inner)).status(), who);
        assertEquals(403, nominate(token, branch, 2, fixtures.member(branch)).status(), who);
    }

    @Test
    void membersOutsidersAndThoseBelowTheQuotaHoldersAreRefused() {
        refusedEverything(fixtures.token(fixtures.member(branch)), "member");
        refusedEverything(fixtures.token(fixtures.orgAdmin(fixtures.committee())), "other committee's admin");
        refusedEverything(fixtures.token(fixtures.secretary(inner)), "secretary of a branch inside a sub-organisation");
        refusedEverything(fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch)),
                "committee member of a quota-holding branch");
    }

    @Test
    void anonymousCallersAreRefused() {
        committeeCalls().forEach((name, call) -> assertEquals(401, call.apply(api(), null).status(), name));
        readCalls().forEach((name, call) -> assertEquals(401, call.apply(api(), null).status(), name));
        assertEquals(401, api().get("/nominations/" + generalNomination, null).status());
    }

    @Test
    void aQuotaHolderNominatesForItselfAndSeesOnlyItsOwn() {
        String secretary = fixtures.token(fixtures.secretary(branch));
        expectEach(403, committeeCalls(), secretary, "secretary of a quota-holding branch");
        expectEach(200, readCalls(), secretary, "secretary of a quota-holding branch");
        assertEquals(201, nominate(secretary, branch, 2, fixtures.member(branch)).status());
        assertEquals(403, nominate(secretary, general, 2, fixtures.member(inner)).status());
        JsonNode mine = api().get("/commendation-rounds/" + round + "/nominations", secretary).json();
        assertEquals(2, mine.size());
        mine.forEach(n -> assertEquals(branch.id(), n.path("subOrgId").asLong()));
        assertEquals(200, api().get("/nominations/" + branchNomination, secretary).status());
        assertEquals(403, api().get("/nominations/" + generalNomination, secretary).status());

        String generalAdmin = fixtures.token(fixtures.orgAdmin(general));
        expectEach(403, committeeCalls(), generalAdmin, "admin of a quota-holding general branch");
        expectEach(200, readCalls(), generalAdmin, "admin of a quota-holding general branch");
        assertEquals(201, nominate(generalAdmin, general, 2, fixtures.member(inner)).status());
        assertEquals(403, api().get("/nominations/" + branchNomination, generalAdmin).status());
    }

    @Test
    void theCommitteesAdminAndASystemAdminMayDoEverything() {
        for (String token : new String[]{fixtures.token(fixtures.orgAdmin(committee)),
                fixtures.token(fixtures.systemAdmin())}) {
            Map<String, Integer> expected = new HashMap<>(Map.of("open round", 201, "objection", 409));
            committeeCalls().forEach((name, call) -> {
                Api.Response r = call.apply(api(), token);
                int status = expected.getOrDefault(name, 200);
                if (name.equals("review") && r.status() == 409) {
                    return; // the second admin finds it already under review
                }
                assertEquals(status, r.status(), name + ": " + r);
            });
            expectEach(200, readCalls(), token, "admin");
            assertEquals(2, api().get("/commendation-rounds/" + round + "/nominations", token).json().size());
            assertEquals(200, api().get("/nominations/" + branchNomination, token).status());
        }
        assertEquals(404, api().get("/nominations/999999999", fixtures.token(fixtures.systemAdmin())).status());
        assertEquals(404, api().get("/commendation-rounds/999999999", fixtures.token(fixtures.systemAdmin())).status());
    }
}
