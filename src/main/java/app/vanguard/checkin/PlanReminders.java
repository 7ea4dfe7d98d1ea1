package app.vanguard.checkin;

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
import java.time.YearMonth;
import java.util.List;

/**
 * For secretaries (compliance): from {@code plan-reminder-days} (7) before a month ends, each item of a branch's
 * annual plan for that month with no meeting of its type scheduled or held in the month (cancelled ones do not count)
 * is told to the branch's secretary and committee members, once per branch, month and type. Every instance may run
 * it: the notice's key makes it once.
 */
@Singleton
public class PlanReminders {

    private static final Logger LOG = LoggerFactory.getLogger(PlanReminders.class);

    private final MeetingStore store;
    private final CheckInSettings settings;
    private final Notifier notifier;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    PlanReminders(MeetingStore store, CheckInSettings settings, Notifier notifier,
                  TransactionOperations<Connection> transactions, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.notifier = notifier;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.checkin.plan-reminder-interval:1h}",
            initialDelay = "${vanguard.checkin.plan-reminder-interval:1h}")
    void scheduled() {
        if (!settings.isPlanReminders()) {
            return;
        }
        try {
            remind();
        } catch (RuntimeException e) {
            LOG.warn("Plan reminders deferred: {}", e.toString());
        }
    }

    /** One pass; answers how many plan items of this month are still unscheduled (0 before the reminder days). */
    public int remind() {
        LocalDate today = BusinessTime.today(clock);
        YearMonth month = YearMonth.from(today);
        LocalDate last = month.atEndOfMonth();
        if (today.isBefore(last.minusDays(settings.getPlanReminderDays() - 1L))) {
            return 0;
        }
        return Sql.retryRolledBack(3, () -> transactions.executeWrite(s -> {
            List<MeetingStore.Unscheduled> items = store.unscheduledPlanItems(month.getYear(), month.getMonthValue(),
                    AttendanceService.startOf(month.atDay(1)), AttendanceService.startOf(last.plusDays(1)));
            for (MeetingStore.Unscheduled u : items) {
                notifier.notifySecretaries(u.branchId(), NotificationKind.PLAN_MEETING_UNSCHEDULED, u.branchId(),
                        month + ":" + u.type(), "month", month.getMonthValue() + "月", "type", chinese(u.type()),
                        "deadline", last.getMonthValue() + "月" + last.getDayOfMonth() + "日",
                        "link", "/branches/" + u.branchId() + "/meeting-plans/" + month.getYear());
            }
            return items.size();
        }));
    }

    static String chinese(MeetingType type) {
        return switch (type) {
            case BRANCH_GENERAL_MEETING -> "支部党员大会";
            case BRANCH_COMMITTEE_MEETING -> "支部委员会";
            case GROUP_MEETING -> "党小组会";
            case PARTY_LESSON -> "党课";
            case THEMED_PARTY_DAY -> "主题党日";
            case ORGANISATIONAL_LIFE_MEETING -> "组织生活会";
            case DEMOCRATIC_APPRAISAL -> "民主评议党员";
        };
    }
}
