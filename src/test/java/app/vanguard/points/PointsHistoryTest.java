package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member sees their own points history, paged, with totals per action and per day, capped awards marked. */
@MicronautTest(transactional = false)
class PointsHistoryTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void historyIsPagedWithTotalsPerActionAndDay() {
        Member m = fixtures.member(fixtures.branch(fixtures.committee()));
        Member other = fixtures.member(fixtures.branch(fixtures.committee()));
        clock.set(TestDates.at(-1, 10, 0));
        points.award(m.id(), PointsAction.READING, "article:1", 5);
        points.award(m.id(), PointsAction.READING, "article:2", 5);
        clock.set(TestDates.at(0, 10, 0));
        points.award(m.id(), PointsAction.READING, "article:3", 5);
        points.award(m.id(), PointsAction.READING, "article:4", 5);
        points.award(m.id(), PointsAction.READING, "article:5", 5);   // 15 > 12: capped to 2
        points.award(m.id(), PointsAction.CHECK_IN, "meeting:9", 10);
        points.award(other.id(), PointsAction.CONTEST, "contest:1", 99);
        String token = fixtures.token(m);

        Api.Response first = api().get("/me/points?size=2", token);
        assertEquals(200, first.status(), first::toString);
        JsonNode body = first.json();
        assertEquals(TestDates.today().toString(), body.path("to").asText());
        assertEquals(TestDates.day(-29).toString(), body.path("from").asText());
        assertEquals(6, body.path("total").asLong());
        assertEquals(2, body.path("items").size());
        assertEquals("CHECK_IN", body.path("items").get(0).path("action").asText(), "newest first");
        JsonNode capped = body.path("items").get(1);
        assertEquals("article:5", capped.path("reference").asText());
        assertEquals(2, capped.path("points").asInt());
        assertEquals(5, capped.path("requested").asInt());
        assertTrue(capped.path("capped").asBoolean());
        assertEquals(32, body.path("points").asLong());
        assertEquals(32, body.path("allTimePoints").asLong());
        assertEquals("CHECK_IN", body.path("byAction").get(0).path("action").asText());
        assertEquals(10, body.path("byAction").get(0).path("points").asLong());
        assertEquals(22, body.path("byAction").get(1).path("points").asLong());
        assertEquals(5, body.path("byAction").get(1).path("entries").asLong());
        assertEquals(TestDates.today().toString(), body.path("byDay").get(0).path("date").asText());
        assertEquals(22, body.path("byDay").get(0).path("points").asLong());
        assertEquals(10, body.path("byDay").get(1).path("points").asLong());

        JsonNode last = api().get("/me/points?size=2&page=2", token).json();
        assertEquals("article:1", last.path("items").get(1).path("reference").asText());
        assertEquals(0, api().get("/me/points?size=2&page=3", token).json().path("items").size(), "[] past the end");

        JsonNode oneDay = api().get("/me/points?from=" + TestDates.day(-1) + "&to=" + TestDates.day(-1), token).json();
        assertEquals(10, oneDay.path("points").asLong());
        assertEquals(32, oneDay.path("allTimePoints").asLong());
    }

    @Test
    void badRangesAreRefused() {
        String token = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        for (String query : new String[]{"?from=" + TestDates.today() + "&to=" + TestDates.day(-23),
                "?from=" + TestDates.day(-731) + "&to=" + TestDates.today(),
                "?from=yesterday", "?size=0", "?page=-1"}) {
            Api.Response response = api().get("/me/points" + query, token);
            assertEquals(400, response.status(), query + ": " + response);
            assertEquals("VALIDATION_FAILED", response.code());
        }
        assertEquals(401, api().get("/me/points", null).status());
    }
}
