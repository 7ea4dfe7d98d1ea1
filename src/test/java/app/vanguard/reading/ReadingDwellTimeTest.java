package app.vanguard.reading;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dwell time is measured by the server between open and finish: finishing sooner than the article's minimum is
 * rejected (422 READING_TOO_FAST, Retry-After = seconds left) and earns nothing; after it, points come from the ledger
 * once per article per day, under the READING daily cap.
 */
@MicronautTest(transactional = false)
class ReadingDwellTimeTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void tappingThroughEarnsNothingAndReadingEarnsOncePerDay() {
        String admin = fixtures.token(fixtures.systemAdmin());
        long documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        long articleId = ReadingSupport.articleIds(api(), admin, documentId).get(0);
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String member = fixtures.token(fixtures.member(branch));
        clock.set(TestDates.at(0, 10, 0));
        // Points come only for plan articles: a plan of one article a day, starting today with this one.
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", 1, "startDate", TestDates.today().toString())).status());

        Api.Response opened = api().post("/reading/articles/" + articleId + "/open", member, null);
        assertEquals(201, opened.status(), opened::toString);
        int minimum = opened.json().get("minimumSeconds").asInt();
        assertEquals(10, minimum, "a short article needs the 10 s floor");
        long session = opened.json().get("sessionId").asLong();

        clock.advance(Duration.ofSeconds(3));
        Api.Response tooFast = api().post("/reading/sessions/" + session + "/finish", member, null);
        assertEquals(422, tooFast.status(), tooFast::toString);
        assertEquals("READING_TOO_FAST", tooFast.code());
        assertEquals("7", tooFast.header("Retry-After").orElseThrow());
        assertEquals(0, api().get("/reading/me/streak", member).json().get("current").asInt());

        clock.advance(Duration.ofSeconds(7));
        Api.Response finished = api().post("/reading/sessions/" + session + "/finish", member, null);
        assertEquals(200, finished.status(), finished::toString);
        assertEquals(10, finished.json().get("dwellSeconds").asLong());
        assertEquals(2, finished.json().get("points").asInt());
        assertFalse(finished.json().get("alreadyRead").asBoolean());
        assertTrue(finished.json().get("dayDone").asBoolean(), "the plan's one article of the day does the day");
        assertTrue(finished.json().get("planArticle").asBoolean());
        assertEquals(TestDates.today().toString(), finished.json().get("businessDate").asText());

        // Finishing the same session again: same outcome, nothing new.
        Api.Response again = api().post("/reading/sessions/" + session + "/finish", member, null);
        assertEquals(200, again.status());
        assertEquals(2, again.json().get("points").asInt());

        // Reading the same article again the same day earns nothing more.
        long second = api().post("/reading/articles/" + articleId + "/open", member, null).json().get("sessionId").asLong();
        clock.advance(Duration.ofSeconds(30));
        Api.Response reread = api().post("/reading/sessions/" + second + "/finish", member, null);
        assertEquals(200, reread.status());
        assertTrue(reread.json().get("alreadyRead").asBoolean());
        assertEquals(0, reread.json().get("points").asInt());
    }

    @Test
    void theDailyCapStopsPointsAfterSixArticles() {
        String admin = fixtures.token(fixtures.systemAdmin());
        StringBuilder text = new StringBuilder("长读本\n");
        for (int i = 1; i <= 8; i++) {
            text.append("第").append(List.of("一", "二", "三", "四", "五", "六", "七", "八").get(i - 1))
                    .append("条　第").append(i).append("条的内容，供测试积分上限使用。\n");
        }
        long documentId = ReadingSupport.importOk(api(), admin, text.toString());
        List<Long> ids = ReadingSupport.articleIds(api(), admin, documentId);
        assertEquals(8, ids.size());
        Organisation committee = fixtures.committee();
        String member = fixtures.token(fixtures.member(fixtures.branch(committee)));
        clock.set(TestDates.at(1, 10, 0));
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", 8, "startDate", TestDates.day(1).toString())).status());
        int total = 0;
        for (long id : ids) {
            long session = api().post("/reading/articles/" + id + "/open", member, null).json().get("sessionId").asLong();
            clock.advance(Duration.ofSeconds(11));
            Api.Response finished = api().post("/reading/sessions/" + session + "/finish", member, null);
            assertEquals(200, finished.status(), finished::toString);
            total += finished.json().get("points").asInt();
        }
        assertEquals(12, total, "READING is capped at 12 points a day");
    }

    @Test
    void aSessionOfAnotherMemberIsNotFound() {
        String admin = fixtures.token(fixtures.systemAdmin());
        long documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        long articleId = ReadingSupport.articleIds(api(), admin, documentId).get(0);
        Organisation committee = fixtures.committee();
        String mine = fixtures.token(fixtures.member(fixtures.branch(committee)));
        String other = fixtures.token(fixtures.secretary(fixtures.branch(committee)));
        long session = api().post("/reading/articles/" + articleId + "/open", mine, null).json().get("sessionId").asLong();
        clock.advance(Duration.ofSeconds(60));
        Api.Response response = api().post("/reading/sessions/" + session + "/finish", other, null);
        assertEquals(404, response.status());
        assertEquals("NOT_FOUND", response.code());
    }
}
