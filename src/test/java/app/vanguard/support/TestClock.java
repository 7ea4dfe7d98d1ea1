package app.vanguard.support;

import app.vanguard.shared.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: running from the suite's base date ({@link TestDates}) until a test sets it, then
 * frozen where the test puts it. Each test context has its own, so a test that moves time affects only its own
 * class. Inject {@link TestClock} to move it.
 */
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** Freezes time at the instant. */
    public void set(Instant instant) {
        this.fixed = instant;
    }

    public void advance(Duration duration) {
        this.fixed = instant().plus(duration);
    }

    /** Back to the running clock of the base date. */
    public void reset() {
        this.fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : TestDates.now();
    }

    @Factory
    static class TestClockFactory {
        @Singleton
        @Replaces(bean = Clock.class, factory = ClockFactory.class)
        TestClock testClock() {
            return new TestClock();
        }
    }
}
