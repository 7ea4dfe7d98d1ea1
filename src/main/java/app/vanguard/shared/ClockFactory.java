package app.vanguard.shared;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
public class ClockFactory {

    /** The one clock of the service; tests replace it to move time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
