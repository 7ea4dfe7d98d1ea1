package app.vanguard.shared;

import java.time.Instant;

/**
 * One feature's retention rule (issue 15 item 13): purges or coarsens its personal data older than the configured
 * retention ({@link RetentionSettings}). Every purge is an idempotent, bounded statement, so several instances may
 * run it at once (they delete or blank disjoint or no rows).
 */
public interface Retention {

    /** Purges what is older than its retention at {@code now}; answers the rows touched. */
    int purge(Instant now, RetentionSettings settings);
}
