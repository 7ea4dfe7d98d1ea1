package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong codes are throttled per member: after 5, even the right code waits (429 + Retry-After). */
@MicronautTest(transactional = false)
class CheckInThrottleTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void wrongCodesAreThrottledPerMember() {
        Meetings meetings = new Meetings(api(), server.getURI());
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        String guesser = fixtures.token(fixtures.member(branch));
        String other = fixtures.token(fixtures.member(branch));
        Instant start = TestDates.at(0, 19, 0);
        clock.set(start);
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        String code = meetings.code(id, secretary);
        String wrong = code.equals("123456") ? "654321" : "123456";
        for (int i = 0; i < 5; i++) {
            assertEquals("WRONG_CODE", meetings.checkIn(id, guesser, wrong).code());
        }
        var throttled = meetings.checkIn(id, guesser, code);
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("TOO_MANY_REQUESTS", throttled.code());
        assertTrue(Integer.parseInt(throttled.header("Retry-After").orElseThrow()) >= 1);
        assertEquals(201, meetings.checkIn(id, other, code).status(), "another member is not affected");
    }
}
