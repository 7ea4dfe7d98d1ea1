package app.vanguard.shared;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.validation.validator.DefaultClockProvider;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

import java.time.Clock;

@Factory
public class ClockFactory {

    /** The one clock of the service; tests replace it to move time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Bean validation's idea of now (@Past, @PastOrPresent, @Future …) is the service's clock in Asia/Shanghai, so a
     * date "in the past" means a past Shanghai business day by the same clock every rule uses.
     */
    @Singleton
    @Replaces(DefaultClockProvider.class)
    ClockProvider validationClock(Clock clock) {
        return () -> clock.withZone(BusinessTime.ZONE);
    }
}
