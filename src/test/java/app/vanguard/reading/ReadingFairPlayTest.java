package app.vanguard.reading;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fair play (issue 14, items 2 and 5): reading time counts once (only the latest opened session), points come only
 * for the member's plan (today's articles, or those of the last 7 days when catching up), and a pending registrant
 * (no branch) earns nothing and gets no done day.
 */
@MicronautTest(transactional = false)
class ReadingFairPlayTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private String admin;
    private List<Long> ids;
    private Organisation committee;

    @BeforeEach
    void setUp() {
        admin = fixtures.token(fixtures.systemAdmin());
        StringBuilder text = new StringBuilder("公平读本\n");
        String[] n = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        for (int i = 0; i < 10; i++) {
            text.append("第").append(n[i]).append("条　第").append(i + 1).append("条的内容，供测试公平规则使用。\n");
        }
        long documentId = ReadingSupport.importOk(api(), admin, text.toString());
        ids = ReadingSupport.articleIds(api(), admin, documentId);
        assertEquals(10, ids.size());
        committee = fixtures.committee();
        clock.set(TestDates.at(0, 10, 0));
        // One article a day, started 3 days ago: today is article 4 (index 3); indexes 0..2 are catch-up days.
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", 1, "startDate", TestDates.day(-3).toString())).status());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long open(String token, long articleId) {
        Api.Response r = api().post("/reading/articles/" + articleId + "/open", token, null);
        assertEquals(201, r.status(), r::toString);
        return r.json().get("sessionId").asLong();
    }

    private Api.Response finish(String token, long session) {
        return api().post("/reading/sessions/" + session + "/finish", token, null);
    }

    @Test
    void articlesOpenedInParallelEarnForOneDwellOnly() {
        String member = fixtures.token(fixtures.member(fixtures.branch(committee)));
        List<Long> plan = ids.subList(0, 4); // today's and the three catch-up days'
        List<Long> sessions = new ArrayList<>();
        for (long id : plan) {
            sessions.add(open(member, id));
        }
        clock.advance(Duration.ofSeconds(11)); // one dwell
        int points = 0;
        int refused = 0;
        for (long session : sessions) {
            Api.Response r = finish(member, session);
            if (r.status() == 409) {
                assertEquals("READING_SESSION_SUPERSEDED", r.code());
                refused++;
            } else {
                assertEquals(200, r.status(), r::toString);
                points += r.json().get("points").asInt();
            }
        }
        assertEquals(3, refused);
        assertEquals(2, points, "one dwell earns for one article");

        // One at a time, each with its own dwell, the others count.
        for (long id : plan.subList(0, 3)) {
            long session = open(member, id);
            clock.advance(Duration.ofSeconds(11));
            Api.Response r = finish(member, session);
            assertEquals(200, r.status(), r::toString);
            assertEquals(2, r.json().get("points").asInt(), r::toString);
            assertTrue(r.json().get("planArticle").asBoolean());
        }
    }

    @Test
    void onlyPlanArticlesEarnAndCatchingUpCoversTheLastSevenDays() {
        String member = fixtures.token(fixtures.member(fixtures.branch(committee)));
        long missed = open(member, ids.get(0)); // given 3 days ago, not read: catching up earns
        clock.advance(Duration.ofSeconds(11));
        Api.Response caughtUp = finish(member, missed);
        assertEquals(2, caughtUp.json().get("points").asInt(), caughtUp::toString);
        assertTrue(caughtUp.json().get("planArticle").asBoolean());

        long ahead = open(member, ids.get(6)); // the plan gives it in 3 days: reading ahead earns nothing
        clock.advance(Duration.ofSeconds(11));
        Api.Response early = finish(member, ahead);
        assertEquals(200, early.status(), early::toString);
        assertEquals(0, early.json().get("points").asInt());
        assertFalse(early.json().get("planArticle").asBoolean());

        // Eight days on, the third article's day is beyond the catch-up window.
        clock.set(TestDates.at(8, 10, 0));
        String late = fixtures.token(fixtures.member(fixtures.branch(committee)));
        long tooLate = open(late, ids.get(2)); // given 9 days ago (the plan cycles: not again within the window)
        clock.advance(Duration.ofSeconds(11));
        Api.Response r = finish(late, tooLate);
        assertEquals(0, r.json().get("points").asInt(), r::toString);
        assertFalse(r.json().get("planArticle").asBoolean());
    }

    @Test
    void aPendingRegistrantEarnsNoReadingPointsAndNoDoneDay() {
        String pending = fixtures.token(fixtures.member(null));
        long session = open(pending, ids.get(3));
        clock.advance(Duration.ofSeconds(11));
        Api.Response r = finish(pending, session);
        assertEquals(200, r.status(), r::toString);
        assertEquals(0, r.json().get("points").asInt());
        assertFalse(r.json().get("dayDone").asBoolean(), r::toString);
        assertEquals(0, api().get("/me/points", pending).json().path("allTimePoints").asLong());
        assertEquals(0, api().get("/reading/me/streak", pending).json().get("current").asInt());
    }
}
