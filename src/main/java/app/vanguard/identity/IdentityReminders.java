package app.vanguard.identity;

import app.vanguard.notification.NotificationKind;
import app.vanguard.notification.Notifier;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Reminders of 亮身份: a commitment due for its yearly review (from {@code commitment-review-from}, 1 December, until
 * the year's review is recorded; once a year) and a badge about to expire ({@code badge-expiry-notice-days}, 30,
 * before its last valid day; once per validity). Every instance may run it: each notice's key (member, kind, object,
 * occasion) makes it once.
 */
@Singleton
public class IdentityReminders {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityReminders.class);

    private final IdentityStore store;
    private final IdentitySettings settings;
    private final Notifier notifier;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    IdentityReminders(IdentityStore store, IdentitySettings settings, Notifier notifier,
                      TransactionOperations<Connection> transactions, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.notifier = notifier;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.identity.reminder-interval:1h}",
            initialDelay = "${vanguard.identity.reminder-interval:1h}")
    void scheduled() {
        if (!settings.isRemindersEnabled()) {
            return;
        }
        try {
            remind();
        } catch (RuntimeException e) {
            LOG.warn("Identity reminders deferred: {}", e.toString());
        }
    }

    /** One pass; answers how many commitments and badges were due (each told once, whatever the passes). */
    public int remind() {
        LocalDate today = BusinessTime.today(clock);
        return Sql.retryRolledBack(3, () -> transactions.executeWrite(s -> {
            int due = 0;
            if (!today.isBefore(settings.getCommitmentReviewFrom().atYear(today.getYear()))) {
                for (IdentityStore.Due c : store.commitmentsDueForReview(today.getYear())) {
                    notifier.notify(List.of(c.memberId()), NotificationKind.COMMITMENT_REVIEW_DUE, c.id(),
                            String.valueOf(today.getYear()), "content", c.text(), "year", today.getYear(),
                            "link", "/me/commitments");
                    due++;
                }
            }
            for (IdentityStore.Due b : store.badgesExpiring(today,
                    today.plusDays(settings.getBadgeExpiryNoticeDays()))) {
                notifier.notify(List.of(b.memberId()), NotificationKind.BADGE_EXPIRING, b.id(), b.until().toString(),
                        "title", b.text(), "until", b.until(), "link", "/me/badges");
                due++;
            }
            return due;
        }));
    }
}
