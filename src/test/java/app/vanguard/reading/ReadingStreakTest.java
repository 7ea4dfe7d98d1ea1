package app.vanguard.reading;

import app.vanguard.support.TestDates;
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
import java.time.LocalDate;
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
    private JsonNode readAt(Instant instant, long articleId) {
        clock.set(instant.minus(Duration.ofSeconds(15)));
        long session = api().post("/reading/articles/" + articleId + "/open", member, null).json().get("sessionId").asLong();
        clock.set(instant);
        Api.Response finished = api().post("/reading/sessions/" + session + "/finish", member, null);
        assertEquals(200, finished.status(), finished::toString);
        return finished.json();
    }

    private JsonNode streakAt(Instant instant) {
        clock.set(instant);
        return api().get("/reading/me/streak", member).json();
    }

    @Test
    void twoMinutesAcrossShanghaiMidnightAreTwoDays() {
        JsonNode first = readAt(TestDates.at(0, 23, 59), articles.get(0)); // 23:59 on the base day in Shanghai
        assertEquals(TestDates.today().toString(), first.get("businessDate").asText());
        assertEquals(1, first.get("currentStreak").asInt());
        JsonNode second = readAt(TestDates.at(1, 0, 1), articles.get(1)); // 00:01 on the next day in Shanghai
        assertEquals(TestDates.day(1).toString(), second.get("businessDate").asText());
        assertEquals(2, second.get("currentStreak").asInt());
        assertEquals(2, second.get("longestStreak").asInt());
    }

    @Test
    void aSessionOpenedBeforeMidnightCountsForTheDayItIsFinished() {
        JsonNode finished = readAt(TestDates.at(1, 0, 0).plusSeconds(5), articles.get(0)); // opened 23:59:50, finished 00:00:05
        assertEquals(TestDates.day(1).toString(), finished.get("businessDate").asText());
    }

    @Test
    void theStreakLastsThroughTheNextDayAndOneMissedDayBreaksIt() {
        LocalDate first = TestDates.month().atDay(1); // five days inside one month, for the calendar
        readAt(TestDates.at(first, 10, 0), articles.get(0));
        readAt(TestDates.at(first.plusDays(1), 10, 0), articles.get(1));
        readAt(TestDates.at(first.plusDays(2), 10, 0), articles.get(2));
        // the 4th, 23:59 Shanghai, nothing read yet that day: still 3 (today is not over).
        JsonNode lateNextDay = streakAt(TestDates.at(first.plusDays(3), 23, 59));
        assertEquals(3, lateNextDay.get("current").asInt());
        assertFalse(lateNextDay.get("todayDone").asBoolean());
        // the 5th, 00:01 Shanghai: the 4th was missed, the streak is broken; the longest stays 3.
        JsonNode broken = streakAt(TestDates.at(first.plusDays(4), 0, 1));
        assertEquals(0, broken.get("current").asInt());
        assertEquals(3, broken.get("longest").asInt());
        assertEquals(first.plusDays(2).toString(), broken.get("lastDoneDate").asText());
        JsonNode restarted = readAt(TestDates.at(first.plusDays(4), 11, 0), articles.get(3));
        assertEquals(1, restarted.get("currentStreak").asInt());
        assertEquals(3, restarted.get("longestStreak").asInt());

        clock.set(TestDates.at(first.plusDays(4), 11, 0));
        JsonNode calendar = api().get("/reading/me/calendar?month=" + TestDates.month(), member).json();
        assertEquals(4, calendar.get("daysDone").asInt());
        assertEquals(first.toString(), calendar.get("days").get(0).get("date").asText());
        assertTrue(calendar.get("days").get(0).get("done").asBoolean());
        assertEquals(400, api().get("/reading/me/calendar?month=June", member).status());
    }

    @Test
    void aDayDoneOutOfOrderJoinsTheRunsAroundIt() {
        LocalDate first = TestDates.month().atDay(1);
        readAt(TestDates.at(first, 10, 0), articles.get(0));
        JsonNode third = readAt(TestDates.at(first.plusDays(2), 10, 0), articles.get(1));
        assertEquals(1, third.get("currentStreak").asInt());
        assertEquals(1, third.get("longestStreak").asInt());
        // The clock set back a day (the streak's last done day is then ahead of today): the day between is read.
        readAt(TestDates.at(first.plusDays(1), 10, 0), articles.get(2));
        JsonNode secondDay = streakAt(TestDates.at(first.plusDays(1), 12, 0));
        assertEquals(2, secondDay.get("current").asInt());
        assertEquals(2, secondDay.get("longest").asInt());
        // Back on the third day: one run of three, in the stored streak too.
        JsonNode after = streakAt(TestDates.at(first.plusDays(2), 12, 0));
        assertEquals(3, after.get("current").asInt());
        assertEquals(3, after.get("longest").asInt());
        assertEquals(first.plusDays(2).toString(), after.get("lastDoneDate").asText());
        assertEquals(3, api().get("/reading/today", member).json().get("currentStreak").asInt());
    }
}
