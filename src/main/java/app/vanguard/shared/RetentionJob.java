package app.vanguard.shared;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Runs every feature's {@link Retention} rule hourly on every instance. Safe with several instances: each rule is
 * an idempotent bounded DELETE/UPDATE on rows older than a cut-off, so concurrent runs only find less to do.
 */
@Singleton
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final List<Retention> rules;
    private final RetentionSettings settings;
    private final Clock clock;

    public RetentionJob(List<Retention> rules, RetentionSettings settings, Clock clock) {
        this.rules = rules;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.retention.interval:1h}", initialDelay = "5m")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Retention pass failed (next pass retries): {}", e.toString());
        }
    }

    /** One pass over every rule; answers the rows touched. */
    public int run() {
        int touched = 0;
        for (Retention rule : rules) {
            touched += rule.purge(clock.instant(), settings);
        }
        if (touched > 0) {
            LOG.info("Retention pass purged or coarsened {} rows", touched);
        }
        return touched;
    }
}
