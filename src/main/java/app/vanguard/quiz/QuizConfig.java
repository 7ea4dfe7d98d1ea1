package app.vanguard.quiz;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.quiz.*: timing and daily-practice settings. */
@ConfigurationProperties("vanguard.quiz")
public class QuizConfig {

    /** Answers arriving this long after an attempt's deadline still count (network delay); later ones are refused. */
    private Duration grace = Duration.ofSeconds(5);

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    long graceMs() {
        return grace.toMillis();
    }
}
