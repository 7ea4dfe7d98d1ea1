package app.vanguard.commendation;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsService;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A commendation round: criteria from the seed, quotas with ranked extras, the 1 500-character limit counted in
 * characters, the evidence attached, review transitions with history, the deadline, and the nomination table.
 */
@MicronautTest(transactional = false)
class CommendationRoundTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PointsService points;

    private Organisation committee;
    private Organisation general;
    private Organisation inner;
    private Organisation branch;
    private String admin;
    private String generalAdmin;
    private String secretary;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        inner = fixtures.branch(general);
        branch = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        generalAdmin = fixtures.token(fixtures.orgAdmin(general));
        secretary = fixtures.token(fixtures.secretary(branch));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> roundBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", TestDates.year() + "年度表彰");
        body.put("deadline", TestDates.day(10).toString());
        body.put("categories", List.of(Map.of("category", "OUTSTANDING_MEMBER"),
                Map.of("category", "ADVANCED_ORGANISATION", "criteria", "组织生活规范，作用发挥明显。")));
        body.put("quotas", List.of(
                Map.of("orgId", general.id(), "category", "OUTSTANDING_MEMBER", "quota", 1),
                Map.of("orgId", general.id(), "category", "ADVANCED_ORGANISATION", "quota", 1),
                Map.of("orgId", branch.id(), "category", "OUTSTANDING_MEMBER", "quota", 0)));
        return body;
    }

    private long openRound() {
        Api.Response r = api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, roundBody());
        assertEquals(201, r.status(), r::toString);
        return r.json().path("id").asLong();
    }

    private Api.Response nominate(long round, String token, Organisation subOrg, String category, int rank,
                                  Long memberId, Long orgId, String deeds) {
        Map<String, Object> body = new HashMap<>();
        body.put("subOrgId", subOrg.id());
        body.put("category", category);
        body.put("rank", rank);
        body.put("memberId", memberId);
        body.put("orgId", orgId);
        body.put("deeds", deeds);
        return api().post("/commendation-rounds/" + round + "/nominations", token, body);
    }

    private long nominated(long round, Member member, int rank) {
        Api.Response r = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", rank, member.id(), null,
                "带头亮身份，服务商户。");
        assertEquals(201, r.status(), r::toString);
        return r.json().path("id").asLong();
    }

    @Test
    void aRoundTakesTheSeedsCriteriaWhenGivenNoneAndChecksItsQuotas() {
        Api.Response r = api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, roundBody());
        assertEquals(201, r.status(), r::toString);
        JsonNode categories = r.json().path("categories");
        for (JsonNode c : categories) {
            if (c.path("category").asText().equals("OUTSTANDING_MEMBER")) {
                assertEquals("优秀共产党员", c.path("label").asText());
                assertTrue(c.path("criteria").asText().contains("两个覆盖"), c::toString);
                assertTrue(c.path("criteria").asText().contains("办字〔2017〕57号"), c::toString);
            } else {
                assertEquals("组织生活规范，作用发挥明显。", c.path("criteria").asText());
            }
        }
        assertEquals(3, r.json().path("quotas").size());
        assertTrue(r.json().path("open").asBoolean());

        Map<String, Object> notChild = roundBody();
        notChild.put("quotas", List.of(Map.of("orgId", inner.id(), "category", "OUTSTANDING_MEMBER", "quota", 1)));
        assertField(api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, notChild), "quotas[0].orgId");
        Map<String, Object> otherCategory = roundBody();
        otherCategory.put("quotas", List.of(Map.of("orgId", branch.id(), "category", "OUTSTANDING_PARTY_WORKER",
                "quota", 1)));
        assertField(api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, otherCategory),
                "quotas[0].category");
        Map<String, Object> past = roundBody();
        past.put("deadline", TestDates.day(-1).toString());
        assertField(api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, past), "deadline");
        Map<String, Object> twice = roundBody();
        twice.put("categories", List.of(Map.of("category", "OUTSTANDING_MEMBER"), Map.of("category", "OUTSTANDING_MEMBER")));
        assertEquals(400, api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, twice).status());
        Map<String, Object> none = roundBody();
        none.put("categories", List.of());
        assertEquals(400, api().post("/orgs/" + committee.id() + "/commendation-rounds", admin, none).status());
    }

    @Test
    void aSubOrganisationNominatesWithinQuotaAndRanksExtrasBeyondIt() {
        long round = openRound();
        Member first = fixtures.member(inner);
        Member second = fixtures.member(inner);
        Member third = fixtures.member(inner);
        Member fourth = fixtures.member(inner);
        Api.Response within = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 1, first.id(), null, "事迹");
        assertEquals(201, within.status(), within::toString);
        assertTrue(within.json().path("withinQuota").asBoolean());
        assertEquals("SUBMITTED", within.json().path("state").asText());
        Api.Response extra = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 2, second.id(), null, "事迹");
        assertEquals(201, extra.status(), extra::toString);
        assertFalse(extra.json().path("withinQuota").asBoolean(), "rank 2 of a quota of 1 is an extra (备选)");
        assertEquals(201, nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 3, third.id(), null, "事迹").status());

        Api.Response beyond = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 4, fourth.id(), null, "事迹");
        assertEquals(409, beyond.status(), beyond::toString);
        assertEquals("QUOTA_EXCEEDED", beyond.code());
        Api.Response rankTaken = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 2, fourth.id(), null, "事迹");
        assertEquals("RANK_TAKEN", rankTaken.code());
        // The same candidate twice in a category.
        Api.Response again = nominate(round, admin, general, "OUTSTANDING_MEMBER", 1, first.id(), null, "事迹");
        assertEquals(409, again.status());
        // A quota of 0 allows none; a category without quota for the sub-organisation neither.
        Member ours = fixtures.member(branch);
        assertEquals("QUOTA_EXCEEDED", nominate(round, secretary, branch, "OUTSTANDING_MEMBER", 1, ours.id(), null,
                "事迹").code());
        assertEquals("QUOTA_EXCEEDED", nominate(round, secretary, branch, "ADVANCED_ORGANISATION", 1, null, branch.id(),
                "事迹").code());
        // Candidates come from inside the sub-organisation, of the category's kind.
        assertEquals(404, nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 3, ours.id(), null, "事迹").status());
        assertEquals(400, nominate(round, generalAdmin, general, "ADVANCED_ORGANISATION", 1, first.id(), null, "事迹").status());
        assertEquals(404, nominate(round, generalAdmin, general, "ADVANCED_ORGANISATION", 1, null, branch.id(), "事迹").status());
        Api.Response org = nominate(round, generalAdmin, general, "ADVANCED_ORGANISATION", 1, null, inner.id(), "事迹");
        assertEquals(201, org.status(), org::toString);
        assertEquals(inner.name(), org.json().path("candidate").path("name").asText());
        assertTrue(org.json().path("evidence").isMissingNode());
        // Only a direct sub-organisation nominates.
        assertEquals(400, nominate(round, generalAdmin, inner, "OUTSTANDING_MEMBER", 1, first.id(), null, "事迹").status());

        JsonNode roundView = api().get("/commendation-rounds/" + round, admin).json();
        for (JsonNode q : roundView.path("quotas")) {
            if (q.path("orgId").asLong() == general.id() && q.path("category").asText().equals("OUTSTANDING_MEMBER")) {
                assertEquals(3, q.path("nominated").asLong());
            }
        }
    }

    @Test
    void theStatementOfDeedsIsLimitedTo1500CharactersNotBytes() {
        long round = openRound();
        String chinese1500 = "党".repeat(1500);                     // 4 500 bytes in UTF-8
        assertEquals(4500, chinese1500.getBytes(StandardCharsets.UTF_8).length);
        Api.Response ok = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 1, fixtures.member(inner).id(),
                null, chinese1500);
        assertEquals(201, ok.status(), ok::toString);
        assertEquals(1500, ok.json().path("deedsCharacters").asInt());

        String rare1500 = "𠮷".repeat(1500);                        // outside the BMP: 3 000 UTF-16 units, 6 000 bytes
        assertEquals(3000, rare1500.length());
        Api.Response rare = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 2, fixtures.member(inner).id(),
                null, rare1500);
        assertEquals(201, rare.status(), rare::toString);
        assertEquals(1500, rare.json().path("deedsCharacters").asInt());

        Api.Response tooLong = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 3,
                fixtures.member(inner).id(), null, "党".repeat(1501));
        assertField(tooLong, "deeds");
        assertEquals(400, nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 3, fixtures.member(inner).id(),
                null, "  ").status());
    }

    @Test
    void theCandidatesYearOfReadingAndPointsIsAttached() {
        long round = openRound();
        Member candidate = fixtures.member(inner);
        points.award(candidate.id(), PointsAction.READING, "article-1", 2);
        points.award(candidate.id(), PointsAction.READING, "article-2", 2);
        points.award(candidate.id(), PointsAction.DAILY_PRACTICE, "practice-1", 5);
        JsonNode n = api().get("/nominations/" + nominated(round, candidate, 1), admin).json();
        JsonNode evidence = n.path("evidence");
        assertEquals(TestDates.today().withDayOfYear(1).toString(), evidence.path("from").asText());
        assertEquals(TestDates.today().toString(), evidence.path("to").asText());
        assertEquals(2, evidence.path("articlesRead").asLong());
        assertEquals(4, evidence.path("readingPoints").asLong());
        assertEquals(9, evidence.path("points").asLong());
        assertEquals(0, evidence.path("meetings").asInt());
        assertEquals(inner.name(), n.path("candidate").path("branchName").asText());
    }

    @Test
    void reviewGoesThroughPublicityWithHistoryAndAnObjectionBlocksApproval() {
        long round = openRound();
        long a = nominated(round, fixtures.member(inner), 1);
        long b = nominated(round, fixtures.member(inner), 2);
        String n = "/nominations/";

        assertEquals("INVALID_TRANSITION", review(a, "PUBLICISE", null).code());
        assertEquals("UNDER_REVIEW", review(a, "START_REVIEW", null).json().path("state").asText());
        assertEquals("INVALID_TRANSITION", review(a, "APPROVE", null).code());
        Api.Response publicised = api().post(n + a + "/review", admin, Map.of("action", "PUBLICISE", "publicityDays", 5));
        assertEquals("PUBLICISED", publicised.json().path("state").asText());
        assertEquals(TestDates.today().toString(), publicised.json().path("publicityStartsOn").asText());
        assertEquals(TestDates.day(4).toString(), publicised.json().path("publicityEndsOn").asText());
        assertEquals("PUBLICITY_NOT_OVER", review(a, "APPROVE", null).code());

        review(b, "START_REVIEW", null);
        review(b, "PUBLICISE", null); // the round's 5 days by default
        long c = nominated(round, fixtures.member(inner), 3);
        assertEquals("NOT_IN_PUBLICITY", api().post(n + c + "/objections", admin, Map.of("text", "尚未公示")).code());
        Api.Response objected = api().post(n + b + "/objections", admin, Map.of("text", "群众反映其经营中有欠薪情况，需核实。"));
        assertEquals(201, objected.status(), objected::toString);
        assertEquals(1, objected.json().path("objections").asInt());

        clock.set(TestDates.at(5, 9, 0)); // the day after the period
        assertEquals("NOT_IN_PUBLICITY", api().post(n + a + "/objections", admin, Map.of("text", "迟到的异议")).code());
        Api.Response approved = review(a, "APPROVE", null);
        assertEquals(200, approved.status(), approved::toString);
        assertEquals("APPROVED", approved.json().path("state").asText());
        List<String> steps = new ArrayList<>();
        approved.json().path("history").forEach(e -> steps.add(e.path("action").asText() + ":" + e.path("toState").asText()));
        assertEquals(List.of("SUBMITTED:SUBMITTED", "START_REVIEW:UNDER_REVIEW", "PUBLICISE:PUBLICISED",
                "APPROVE:APPROVED"), steps);
        assertEquals("INVALID_TRANSITION", review(a, "REJECT", "迟来的理由").code());

        assertEquals("OBJECTION_RECORDED", review(b, "APPROVE", null).code());
        assertField(review(b, "REJECT", " "), "reason");
        Api.Response rejected = review(b, "REJECT", "异议核实属实");
        assertEquals("REJECTED", rejected.json().path("state").asText());
        assertEquals("异议核实属实", rejected.json().path("rejectionReason").asText());
        List<String> bSteps = new ArrayList<>();
        rejected.json().path("history").forEach(e -> bSteps.add(e.path("action").asText()));
        assertEquals(List.of("SUBMITTED", "START_REVIEW", "PUBLICISE", "OBJECTION", "REJECT"), bSteps);
        assertEquals("群众反映其经营中有欠薪情况，需核实。", rejected.json().path("history").get(3).path("note").asText());
    }

    @Test
    void nominationsCloseAfterTheDeadline() {
        long round = openRound();
        clock.set(TestDates.at(10, 23, 59));
        assertEquals(201, nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 1, fixtures.member(inner).id(),
                null, "事迹").status());
        clock.set(TestDates.at(11, 0, 0));
        Api.Response late = nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 2, fixtures.member(inner).id(),
                null, "事迹");
        assertEquals(409, late.status());
        assertEquals("ROUND_CLOSED", late.code());
        assertFalse(api().get("/commendation-rounds/" + round, admin).json().path("open").asBoolean());
    }

    @Test
    void theNominationTableListsEachCategoryBySubOrganisationAndRank() throws IOException {
        long round = openRound();
        Member first = fixtures.member(inner);
        Member second = fixtures.member(inner);
        points.award(first.id(), PointsAction.READING, "article-9", 2);
        nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 2, second.id(), null, "第二名事迹");
        nominate(round, generalAdmin, general, "OUTSTANDING_MEMBER", 1, first.id(), null, "第一名事迹");
        nominate(round, generalAdmin, general, "ADVANCED_ORGANISATION", 1, null, inner.id(), "支部事迹");
        assertEquals(400, api().get("/commendation-rounds/" + round + "/nominations/export", admin).status());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(
                "/commendation-rounds/" + round + "/nominations/export?category=OUTSTANDING_MEMBER")))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("优秀共产党员", sheet.getSheetName());
            assertEquals("推荐单位", sheet.getRow(1).getCell(0).getStringCellValue());
            assertEquals(general.name(), sheet.getRow(2).getCell(0).getStringCellValue());
            assertEquals(1.0, sheet.getRow(2).getCell(1).getNumericCellValue());
            assertEquals("名额内", sheet.getRow(2).getCell(2).getStringCellValue());
            assertEquals(first.name(), sheet.getRow(2).getCell(3).getStringCellValue());
            assertEquals(1.0, sheet.getRow(2).getCell(9).getNumericCellValue()); // articles read
            assertEquals("第一名事迹", sheet.getRow(2).getCell(13).getStringCellValue());
            assertEquals("备选", sheet.getRow(3).getCell(2).getStringCellValue());
            assertEquals(5.0, sheet.getRow(3).getCell(12).getNumericCellValue()); // characters of 第二名事迹
            assertEquals(null, sheet.getRow(4));
        }
    }

    private Api.Response review(long nomination, String action, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        body.put("reason", reason);
        return api().post("/nominations/" + nomination + "/review", admin, body);
    }

    private byte[] download(String path) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.getURI().resolve(path)).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertField(Api.Response r, String field) {
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.json().path("errors").findValuesAsText("field").contains(field), r::toString);
    }
}
