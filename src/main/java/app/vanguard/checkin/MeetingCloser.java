package app.vanguard.checkin;

import app.vanguard.notification.NotificationKind;
import app.vanguard.notification.Notifier;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Closes meetings by themselves when their check-in window ends ({@code closes-after} after the start), so absences
 * are recorded even when nobody closes the meeting. Every instance may run it at once: each meeting is claimed by one
 * conditional {@code UPDATE ... WHERE status = 'SCHEDULED'}, and only the instance whose update changed the row
 * records the outcomes (ABSENT, or ON_LEAVE with approved leave; undecided leave EXPIRED) and tells the absent, in
 * the same transaction. A check-in racing the close waits for the row lock and then finds the meeting closed.
 */
@Singleton
public class MeetingCloser {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingCloser.class);
    private static final int BATCH = 100;
    /** The absent are told only when the close comes within this long of the window's end. */
    private static final java.time.Duration STALE = java.time.Duration.ofDays(1);

    private final MeetingStore meetings;
    private final AttendanceStore attendance;
    private final MeetingRepository repository;
    private final CheckInSettings settings;
    private final Notifier notifier;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    MeetingCloser(MeetingStore meetings, AttendanceStore attendance, MeetingRepository repository,
                  CheckInSettings settings, Notifier notifier, TransactionOperations<Connection> transactions,
                  Clock clock) {
        this.meetings = meetings;
        this.attendance = attendance;
        this.repository = repository;
        this.settings = settings;
        this.notifier = notifier;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.checkin.auto-close-interval:1m}",
            initialDelay = "${vanguard.checkin.auto-close-interval:1m}")
    void scheduledClose() {
        if (!settings.isAutoClose()) {
            return;
        }
        try {
            closeDue();
        } catch (RuntimeException e) {
            LOG.warn("Closing due meetings deferred: {}", e.toString());
        }
    }

    /** One pass: closes every meeting whose check-in window has ended; answers the ones this caller closed. */
    public List<Long> closeDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant startedBefore = now.minus(settings.getClosesAfter());
        List<Long> closed = new java.util.ArrayList<>();
        List<Long> due;
        do {
            due = transactions.executeRead(s -> meetings.dueToClose(startedBefore, BATCH));
            for (long id : due) {
                if (transactions.executeWrite(s -> closeOne(id, startedBefore, now))) {
                    closed.add(id);
                }
            }
        } while (due.size() == BATCH);
        return closed;
    }

    private boolean closeOne(long meetingId, Instant startedBefore, Instant now) {
        if (!meetings.claimClose(meetingId, startedBefore, now)) {
            return false; // closed, cancelled or moved meanwhile, or another instance has it
        }
        attendance.expirePendingLeaves(meetingId, now);
        attendance.markMissing(meetingId, now.toEpochMilli());
        Meeting meeting = repository.findById(meetingId).orElseThrow();
        if (!now.isAfter(meeting.startsAt().plus(settings.getClosesAfter()).plus(STALE))) {
            notifyAbsent(notifier, attendance, meeting);
        } // a meeting found long after its window (e.g. the first run after an upgrade) is closed without telling
        return true;
    }

    /** Tells each member recorded ABSENT by the close (once per meeting). */
    static void notifyAbsent(Notifier notifier, AttendanceStore attendance, Meeting meeting) {
        notifier.notify(attendance.closedAbsent(meeting.id()), NotificationKind.MEETING_MISSED, meeting.id(), "",
                "topic", meeting.topic(), "heldAt", meeting.startsAt());
    }
}
