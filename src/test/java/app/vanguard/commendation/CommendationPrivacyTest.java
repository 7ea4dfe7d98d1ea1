package app.vanguard.commendation;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.PersonalDataRows;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 13 for commendation: nominations naming the member and those the member made are in their data
 * exports; erasing the candidate blanks the statement of deeds and the rejection reason while the round's
 * nominations, states and ranks stay as they were.
 */
@MicronautTest(transactional = false)
class CommendationPrivacyTest extends ApiTestBase {

    @Inject
    PersonalDataRows rows;

    private static final String DEEDS = "带头亮身份，服务商户，照顾患病邻居三年。";

    @Test
    void nominationsAreExportedForCandidateAndNominatorAndErasureKeepsTheRound() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        Organisation inner = fixtures.branch(general);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Member nominator = fixtures.orgAdmin(general);
        String generalAdmin = fixtures.token(nominator);
        Map<String, Object> round = new HashMap<>();
        round.put("title", TestDates.year() + "年度表彰");
        round.put("deadline", TestDates.day(10).toString());
        round.put("categories", List.of(Map.of("category", "OUTSTANDING_MEMBER")));
        round.put("quotas", List.of(Map.of("orgId", general.id(), "category", "OUTSTANDING_MEMBER", "quota", 2)));
        Api.Response opened = api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, round);
        assertEquals(201, opened.status(), opened::toString);
        long roundId = opened.json().path("id").asLong();
        Member candidate = fixtures.member(inner);
        Map<String, Object> body = new HashMap<>();
        body.put("subOrgId", general.id());
        body.put("category", "OUTSTANDING_MEMBER");
        body.put("rank", 1);
        body.put("memberId", candidate.id());
        body.put("deeds", DEEDS);
        Api.Response nominated = api().post("/commendation-rounds/" + roundId + "/nominations", generalAdmin, body);
        assertEquals(201, nominated.status(), nominated::toString);
        long nominationId = nominated.json().path("id").asLong();
        Api.Response rejected = api().post("/nominations/" + nominationId + "/review", admin,
                Map.of("action", "REJECT", "reason", "事迹材料不够具体"));
        assertEquals(200, rejected.status(), rejected::toString);

        Api.Response mine = api().get("/me/data-export", fixtures.token(candidate));
        assertEquals(200, mine.status(), mine::toString);
        JsonNode asCandidate = mine.json().path("sections").path("nominationsAsCandidate").get(0);
        assertEquals(nominationId, asCandidate.path("id").asLong());
        assertEquals(DEEDS, asCandidate.path("deeds").asText());
        assertEquals("REJECTED", asCandidate.path("state").asText());
        assertTrue(mine.json().path("sections").path("nominationsMade").isEmpty());
        JsonNode made = api().get("/me/data-export", generalAdmin).json().path("sections");
        assertEquals(candidate.id(), made.path("nominationsMade").get(0).path("candidateMemberId").asLong());
        assertEquals(nominationId, made.path("nominationSteps").get(0).path("nominationId").asLong());

        String list = "/commendation-rounds/" + roundId + "/nominations";
        JsonNode before = api().get(list, admin).json();
        String secretary = fixtures.token(fixtures.secretary(inner));
        assertEquals(200, api().post("/branches/" + inner.id() + "/members/" + candidate.id() + "/disable", secretary,
                null).status());
        Api.Response erased = api().post("/admin/members/" + candidate.id() + "/erase",
                fixtures.token(fixtures.systemAdmin()), null);
        assertEquals(200, erased.status(), erased::toString);

        JsonNode after = api().get(list, admin).json();
        assertEquals(before.size(), after.size(), after::toString);
        assertEquals(before.get(0).path("state"), after.get(0).path("state"));
        assertEquals(before.get(0).path("rank"), after.get(0).path("rank"));
        assertEquals(before.get(0).path("evidence"), after.get(0).path("evidence"));
        assertEquals(candidate.id(), after.get(0).path("candidate").path("memberId").asLong(), after::toString);
        assertEquals("", after.get(0).path("deeds").asText());
        Map<String, Object> left = rows.of(candidate.id()).get("nominationsAsCandidate").get(0);
        assertEquals("", left.get("deeds"), "the statement of deeds goes");
        assertNull(left.get("rejectionReason"));
        assertEquals("REJECTED", left.get("state"));
        // The nominator's own record is untouched.
        assertEquals(1, rows.of(nominator.id()).get("nominationsMade").size());
    }
}
