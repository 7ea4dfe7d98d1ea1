package app.vanguard.reading;

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
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * The evening reminder (今日学习提醒): from {@code vanguard.reading.reminder-at} (20:00 Asia/Shanghai) members whose
 * reading was done yesterday but not yet today - a streak at stake - are told, with the streak's length. Every
 * instance may run it, as often as it likes: the notice's key (member, kind, day) makes it once per member per day.
 */
@Singleton
public class ReadingReminders {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingReminders.class);
    private static final int CHUNK = 500;

    private final ReadingStore store;
    private final ReadingSettings settings;
    private final Notifier notifier;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ReadingReminders(ReadingStore store, ReadingSettings settings, Notifier notifier,
                     TransactionOperations<Connection> transactions, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.notifier = notifier;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.reading.reminder-interval:5m}",
            initialDelay = "${vanguard.reading.reminder-interval:5m}")
    void scheduled() {
        if (!settings.isReminderEnabled()) {
            return;
        }
        try {
            remind();
        } catch (RuntimeException e) {
            LOG.warn("Reading reminders deferred: {}", e.toString());
        }
    }

    /** Tells today's members with a streak at stake, once each; answers how many were considered (0 before the hour). */
    public int remind() {
        LocalDateTime local = LocalDateTime.ofInstant(clock.instant(), BusinessTime.ZONE);
        if (local.toLocalTime().isBefore(settings.getReminderAt())) {
            return 0;
        }
        LocalDate today = local.toLocalDate();
        List<Long> atStake = transactions.executeRead(s -> store.streaksAtStake(today));
        for (int from = 0; from < atStake.size(); from += CHUNK) {
            List<Long> chunk = atStake.subList(from, Math.min(atStake.size(), from + CHUNK));
            Sql.retryRolledBack(3, () -> transactions.executeWrite(s -> {
                Map<Long, Streaks.Summary> streaks = store.streaks(chunk);
                Map<Integer, List<Long>> byStreak = new TreeMap<>();
                for (long memberId : chunk) {
                    int streak = Streaks.of(streaks.get(memberId), today).current();
                    byStreak.computeIfAbsent(streak, k -> new ArrayList<>()).add(memberId);
                }
                byStreak.forEach((streak, members) -> notifier.notify(members, NotificationKind.READING_REMINDER, 0,
                        today.toString(), "streak", streak, "link", "/reading/today"));
                return null;
            }));
        }
        return atStake.size();
    }
}
