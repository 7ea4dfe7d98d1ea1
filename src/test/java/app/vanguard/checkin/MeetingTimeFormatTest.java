package app.vanguard.checkin;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One time format: instants answer as ISO-8601 with +08:00, whatever offset they were sent with; a date-time without
 * an offset is Beijing time; error details name Beijing times.
 */
@MicronautTest(transactional = false)
class MeetingTimeFormatTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void instantsAnswerWithTheBeijingOffsetWhateverTheyWereSentWith() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        String member = fixtures.token(fixtures.member(branch));
        LocalDate day = TestDates.day(3);

        JsonNode local = schedule(branch, secretary, day + "T07:30:00", day + "T09:00:00");
        assertEquals(day + "T07:30:00+08:00", local.get("startsAt").asText(), local::toString);
        assertEquals(day + "T09:00:00+08:00", local.get("endsAt").asText());

        String utcStart = day.atTime(7, 30).atOffset(ZoneOffset.ofHours(8)).withOffsetSameInstant(ZoneOffset.UTC)
                .toString();
        JsonNode utc = schedule(branch, secretary, utcStart, day + "T01:30:00Z");
        assertEquals(day + "T07:30:00+08:00", utc.get("startsAt").asText(), utc::toString);
        assertEquals(day + "T09:30:00+08:00", utc.get("endsAt").asText());
        assertTrue(utc.get("checkInOpensAt").asText().endsWith("+08:00"));

        Api.Response garbage = api().post("/branches/" + branch.id() + "/meetings", secretary,
                body("下周二早上", day + "T09:00:00"));
        assertEquals(400, garbage.status(), garbage::toString);
        assertEquals("startsAt", garbage.json().get("errors").get(0).get("field").asText(), garbage::toString);

        Api.Response early = api().post("/meetings/" + local.get("id").asLong() + "/check-in",
                member, Map.of("code", "000000"));
        assertEquals("CHECK_IN_NOT_OPEN", early.code(), early::toString);
        assertTrue(early.json().get("detail").asText().contains(day + " 07:"), early::toString);
    }

    private JsonNode schedule(Organisation branch, String token, String startsAt, String endsAt) {
        Api.Response r = api().post("/branches/" + branch.id() + "/meetings", token, body(startsAt, endsAt));
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    private static Map<String, Object> body(String startsAt, String endsAt) {
        return Map.of("type", "THEMED_PARTY_DAY", "topic", "学习党章", "place", "党群服务中心", "startsAt", startsAt,
                "endsAt", endsAt);
    }
}
