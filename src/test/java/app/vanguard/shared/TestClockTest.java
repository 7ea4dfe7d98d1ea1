package app.vanguard.shared;

import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        testClock.set(Instant.parse("2026-11-24T15:59:59Z"));
        assertEquals(LocalDate.of(2026, 11, 24), BusinessTime.today(clock));
        testClock.set(Instant.parse("2026-11-24T16:00:00Z"));
        assertEquals(LocalDate.of(2026, 11, 25), BusinessTime.today(clock));
        testClock.reset();
    }
}
