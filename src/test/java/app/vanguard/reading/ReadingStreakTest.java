package app.vanguard.reading;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaks count Asia/Shanghai days: reading at 23:59 and again at 00:01 Shanghai (15:59 and 16:01 UTC) makes two
 * days; the streak survives until the end of the next day and one missed day breaks it; the longest is kept.
 */
@MicronautTest(transactional = false)
class ReadingStreakTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private List<Long> articles;
    private String member;

    @BeforeEach
    void setUp() {
        String admin = fixtures.token(fixtures.systemAdmin());
        articles = ReadingSupport.articleIds(api(), admin, ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL));
        member = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Opens at the instant minus 15 s, finishes at the instant. */
    private JsonNode readAt(String instant, long articleId) {
        clock.set(Instant.parse(instant).minus(Duration.ofSeconds(15)));
        long session = api().post("/reading/articles/" + articleId + "/open", member, null).json().get("sessionId").asLong();
        clock.set(Instant.parse(instant));
        Api.Response finished = api().post("/reading/sessions/" + session + "/finish", member, null);
        assertEquals(200, finished.status(), finished::toString);
        return finished.json();
    }

    private JsonNode streakAt(String instant) {
        clock.set(Instant.parse(instant));
        return api().get("/reading/me/streak", member).json();
    }

    @Test
    void twoMinutesAcrossShanghaiMidnightAreTwoDays() {
        JsonNode first = readAt("2026-05-10T15:59:00Z", articles.get(0)); // 23:59 on 10 May in Shanghai
        assertEquals("2026-05-10", first.get("businessDate").asText());
        assertEquals(1, first.get("currentStreak").asInt());
        JsonNode second = readAt("2026-05-10T16:01:00Z", articles.get(1)); // 00:01 on 11 May in Shanghai
        assertEquals("2026-05-11", second.get("businessDate").asText());
        assertEquals(2, second.get("currentStreak").asInt());
        assertEquals(2, second.get("longestStreak").asInt());
    }

    @Test
    void aSessionOpenedBeforeMidnightCountsForTheDayItIsFinished() {
        JsonNode finished = readAt("2026-05-20T16:00:05Z", articles.get(0)); // opened 23:59:50, finished 00:00:05
        assertEquals("2026-05-21", finished.get("businessDate").asText());
    }

    @Test
    void theStreakLastsThroughTheNextDayAndOneMissedDayBreaksIt() {
        readAt("2026-06-01T02:00:00Z", articles.get(0));
        readAt("2026-06-02T02:00:00Z", articles.get(1));
        readAt("2026-06-03T02:00:00Z", articles.get(2));
        // 4 June 23:59 Shanghai, nothing read yet that day: still 3 (today is not over).
        JsonNode lateNextDay = streakAt("2026-06-04T15:59:00Z");
        assertEquals(3, lateNextDay.get("current").asInt());
        assertFalse(lateNextDay.get("todayDone").asBoolean());
        // 5 June 00:01 Shanghai: 4 June was missed, the streak is broken; the longest stays 3.
        JsonNode broken = streakAt("2026-06-04T16:01:00Z");
        assertEquals(0, broken.get("current").asInt());
        assertEquals(3, broken.get("longest").asInt());
        assertEquals("2026-06-03", broken.get("lastDoneDate").asText());
        JsonNode restarted = readAt("2026-06-05T03:00:00Z", articles.get(3));
        assertEquals(1, restarted.get("currentStreak").asInt());
        assertEquals(3, restarted.get("longestStreak").asInt());

        clock.set(Instant.parse("2026-06-05T03:00:00Z"));
        JsonNode calendar = api().get("/reading/me/calendar?month=2026-06", member).json();
        assertEquals(4, calendar.get("daysDone").asInt());
        assertEquals("2026-06-01", calendar.get("days").get(0).get("date").asText());
        assertTrue(calendar.get("days").get(0).get("done").asBoolean());
        assertEquals(400, api().get("/reading/me/calendar?month=June", member).status());
    }
}
