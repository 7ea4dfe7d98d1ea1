package app.vanguard.reading;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan set by a secretary gives every member of the branch the same articles a day, in order and in cycles; a
 * member who falls behind sees what was missed and catches up; a branch without its own plan follows its committee's;
 * the secretary sees completion and who has not read.
 */
@MicronautTest(transactional = false)
class ReadingPlanTodayTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Organisation committee;
    private Organisation branch;
    private List<Long> articles;
    private long documentId;
    private String secretary;
    private Member reader;
    private String readerToken;

    @BeforeEach
    void setUp() {
        String admin = fixtures.token(fixtures.systemAdmin());
        documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        articles = ReadingSupport.articleIds(api(), admin, documentId);
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        secretary = fixtures.token(fixtures.secretary(branch));
        reader = fixtures.member(branch);
        readerToken = fixtures.token(reader);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Today's reading as the member sees it at a Shanghai hour of the base date moved by {@code day} days. */
    private JsonNode todayAt(int day, int hour, String token) {
        clock.set(TestDates.at(day, hour, 0));
        Api.Response r = api().get("/reading/today", token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    private void read(long articleId) {
        long session = api().post("/reading/articles/" + articleId + "/open", readerToken, null).json()
                .get("sessionId").asLong();
        clock.advance(Duration.ofSeconds(20));
        assertEquals(200, api().post("/reading/sessions/" + session + "/finish", readerToken, null).status());
    }

    @Test
    void theWholeBranchReadsThroughInCyclesAndCatchesUp() {
        Api.Response set = api().put("/orgs/" + branch.id() + "/reading-plan", secretary,
                Map.of("documentIds", List.of(documentId), "articlesPerDay", 2, "startDate", TestDates.today().toString()));
        assertEquals(200, set.status(), set::toString);
        assertEquals(2, set.json().get("cycleDays").asInt());

        JsonNode before = todayAt(-1, 10, readerToken);
        assertEquals(TestDates.today().toString(), before.get("startsOn").asText());
        assertEquals(0, before.path("articles").size());

        JsonNode day1 = todayAt(0, 10, readerToken);
        assertEquals(1, day1.get("dayNumber").asInt());
        assertEquals(1, day1.get("cycle").asInt());
        assertEquals(articles.subList(0, 2), ids(day1.get("articles")));
        assertEquals(ids(day1.get("articles")), ids(todayAt(0, 10, secretary).get("articles")),
                "every member of the branch gets the same day");

        // Day 3 starts the second cycle; day 2's articles were never read: missed.
        JsonNode day3 = todayAt(2, 10, readerToken);
        assertEquals(2, day3.get("cycle").asInt());
        assertEquals(articles.subList(0, 2), ids(day3.get("articles")));
        assertEquals(articles.subList(2, 4), ids(day3.get("missed")));
        assertEquals(TestDates.day(1).toString(), day3.get("missed").get(0).get("assignedOn").asText());

        read(articles.get(2));
        JsonNode caughtUp = todayAt(2, 11, readerToken);
        assertEquals(List.of(articles.get(3)), ids(caughtUp.get("missed")));
        assertFalse(caughtUp.get("done").asBoolean(), "catching up is not today's reading");
        read(articles.get(0));
        read(articles.get(1));
        JsonNode done = todayAt(2, 12, readerToken);
        assertTrue(done.get("done").asBoolean());
        assertTrue(done.get("articles").get(0).get("finished").asBoolean());
        assertEquals(1, done.get("currentStreak").asInt());

        // The secretary's view of the day: one member read, the others (secretary included) did not.
        clock.set(TestDates.at(2, 13, 0));
        JsonNode completion = api().get("/branches/" + branch.id() + "/reading/completion?period=DAY&date=" + TestDates.day(2),
                secretary).json();
        assertEquals(2, completion.get("memberCount").asInt());
        assertEquals(1, completion.get("membersRead").asInt());
        assertEquals(1, completion.get("membersDone").asInt());
        assertEquals(1, completion.get("notRead").size());
        JsonNode week = api().get("/branches/" + branch.id() + "/reading/completion?period=WEEK&date=" + TestDates.day(2),
                secretary).json();
        assertEquals(TestDates.day(2).with(java.time.DayOfWeek.MONDAY).toString(), week.get("from").asText());
        assertEquals(TestDates.day(2).with(java.time.DayOfWeek.SUNDAY).toString(), week.get("to").asText());

        JsonNode progress = api().get("/reading/me/progress", readerToken).json();
        for (JsonNode d : progress) {
            if (d.get("documentId").asLong() == documentId) {
                assertEquals(75, d.get("percent").asInt());
                assertEquals(articles.get(1), d.get("lastArticleId").asLong());
            }
        }
    }

    @Test
    void aBranchFollowsItsCommitteesPlanUntilItHasItsOwn() {
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        Organisation inner = fixtures.branch(general);
        String innerMember = fixtures.token(fixtures.member(inner));
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin,
                Map.of("documentIds", List.of(documentId), "articlesPerDay", 1, "startDate", TestDates.today().toString())).status());
        JsonNode inherited = api().get("/orgs/" + inner.id() + "/reading-plan", admin).json();
        assertTrue(inherited.get("inherited").asBoolean());
        assertEquals(committee.id(), inherited.get("orgId").asLong());
        assertEquals(List.of(articles.get(1)), ids(todayAt(1, 10, innerMember).get("articles")));

        assertEquals(200, api().put("/orgs/" + inner.id() + "/reading-plan", admin,
                Map.of("documentIds", List.of(documentId), "articlesPerDay", 3, "startDate", TestDates.day(1).toString())).status());
        assertEquals(articles.subList(0, 3), ids(todayAt(1, 10, innerMember).get("articles")),
                "a plan change is seen at once (the cached day is replaced)");
        clock.reset();
        assertEquals(204, api().delete("/orgs/" + inner.id() + "/reading-plan", admin).status());
        assertEquals(List.of(articles.get(1)), ids(todayAt(1, 10, innerMember).get("articles")));
        clock.reset();
        assertEquals(404, api().delete("/orgs/" + inner.id() + "/reading-plan", admin).status());
        Api.Response unknownDocument = api().put("/orgs/" + inner.id() + "/reading-plan", admin,
                Map.of("documentIds", List.of(999_999_999L), "articlesPerDay", 1, "startDate", TestDates.today().toString()));
        assertEquals(400, unknownDocument.status());
        assertEquals("VALIDATION_FAILED", unknownDocument.code());
    }
}
