package app.vanguard.shared;

import app.vanguard.support.TestDates;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The service's clock is the test's clock, and business days are Asia/Shanghai days. */
@MicronautTest(transactional = false)
class TestClockTest {

    @Inject
    Clock clock;

    @Inject
    TestClock testClock;

    @Test
    void businessDayTurnsAtShanghaiMidnight() {
        assertSame(testClock, clock);
        Instant midnight = TestDates.day(1).atStartOfDay(TestDates.SHANGHAI).toInstant();
        testClock.set(midnight.minusSeconds(1));
        assertEquals(TestDates.today(), BusinessTime.today(clock));
        testClock.set(midnight);
        assertEquals(TestDates.day(1), BusinessTime.today(clock));
        testClock.reset();
    }

    @Test
    void theServiceRunsOnTheSuitesBaseDate() {
        testClock.reset();
        LocalDate today = BusinessTime.today(clock);
        // The base date, or the next day if the run crossed Shanghai midnight since it started.
        assertTrue(today.equals(TestDates.today()) || today.equals(TestDates.day(1)), today::toString);
        String given = System.getProperty("test.today", "");
        if (!given.isBlank()) {
            assertEquals(LocalDate.parse(given.trim()), TestDates.today(), "-Dtest.today reaches the test JVM");
        }
    }
}
