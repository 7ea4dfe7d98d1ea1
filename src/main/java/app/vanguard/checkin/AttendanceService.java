package app.vanguard.checkin;

import app.vanguard.org.Caller;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Sql;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Leave requests, closing a meeting, the live attendance list, members' histories and branches' rates. */
@Singleton
public class AttendanceService {

    private final MeetingService meetings;
    private final AttendanceStore store;
    private final MeetingStore meetingStore;

    @jakarta.inject.Inject app.vanguard.notification.Notifier notifier; // 通知: one-line hooks below

    public AttendanceService(MeetingService meetings, AttendanceStore store, MeetingStore meetingStore) {
        this.meetings = meetings;
        this.store = store;
        this.meetingStore = meetingStore;
    }

    // ---- leave ----

    @Transactional
    public CheckInViews.LeaveView requestLeave(Caller caller, Meeting meeting, String reason) {
        if (!meetings.isAttendee(meeting.id(), caller.memberId())) {
            throw ApiException.forbidden("You are not expected at meeting " + meeting.id());
        }
        MeetingService.requireScheduled(meeting);
        Instant now = meetings.now();
        if (!now.isBefore(meetings.leaveCutoffAt(meeting))) {
            throw ApiException.conflict("LEAVE_CUTOFF_PASSED", "Leave could be asked for until "
                    + meetings.leaveCutoffAt(meeting));
        }
        boolean checkedIn = store.hasRow(meeting.id(), caller.memberId());
        if (checkedIn) {
            throw ApiException.conflict("ALREADY_CHECKED_IN", "You have already checked in to this meeting");
        }
        try {
            store.insertLeave(meeting.id(), caller.memberId(), reason.trim(), now);
            notifier.notifySecretaries(meeting.branchId(), app.vanguard.notification.NotificationKind.LEAVE_WAITING, meeting.id(), "leave:" + caller.memberId(), "topic", meeting.topic());
        } catch (Sql.Duplicate e) {
            throw ApiException.conflict("LEAVE_ALREADY_REQUESTED", "You already asked for leave from this meeting");
        }
        return leaves(meeting.id(), caller.memberId()).get(0);
    }

    @Transactional
    public CheckInViews.LeaveView decide(Caller caller, Meeting meeting, long leaveId, boolean approve) {
        CheckInViews.LeaveView leave = leaves(meeting.id(), null).stream().filter(l -> l.id() == leaveId).findFirst()
                .orElseThrow(() -> ApiException.notFound("Leave request " + leaveId + " of meeting " + meeting.id()));
        LeaveStatus wanted = approve ? LeaveStatus.APPROVED : LeaveStatus.REJECTED;
        if (leave.status() == wanted) {
            return leave; // a retry answers as the decision did
        }
        MeetingService.requireScheduled(meeting);
        if (!store.decideLeave(leaveId, approve, caller.memberId(), meetings.now())) {
            CheckInViews.LeaveView now = leaves(meeting.id(), leave.memberId()).get(0);
            if (now.status() == wanted) {
                return now;
            }
            throw ApiException.conflict("LEAVE_ALREADY_DECIDED", "Leave request " + leaveId + " is already "
                    + leave.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        notifier.notify(java.util.List.of(leave.memberId()), approve ? app.vanguard.notification.NotificationKind.LEAVE_APPROVED : app.vanguard.notification.NotificationKind.LEAVE_REFUSED, meeting.id(), "leave:" + leaveId, "topic", meeting.topic());
        return leaves(meeting.id(), leave.memberId()).get(0);
    }

    @Transactional(readOnly = true)
    public List<CheckInViews.LeaveView> leaves(long meetingId, Long memberId) {
        return store.leaves(meetingId, memberId);
    }

    // ---- closing ----

    /**
     * Closes the meeting: everyone expected without a check-in gets ON_LEAVE (approved leave) or ABSENT. Refused
     * before the start and while leave requests are pending. Locks the meeting row against concurrent check-ins.
     */
    @Transactional
    public CheckInViews.AttendanceList close(Meeting meeting) {
        if (meeting.status() == MeetingStatus.CLOSED) {
            return list(meeting); // a retry answers as the closing did
        }
        MeetingService.requireScheduled(meeting);
        Instant now = meetings.now();
        if (now.isBefore(meeting.startsAt())) {
            throw ApiException.conflict("MEETING_NOT_STARTED", "A meeting can be closed once it has started");
        }
        String status = meetingStore.lockStatus(meeting.id());
        if (MeetingStatus.CLOSED.name().equals(status)) {
            return list(meeting.id(), MeetingStatus.CLOSED, MeetingService.isOnline(meeting), meeting.recordedAfterwards());
        }
        if (!MeetingStatus.SCHEDULED.name().equals(status)) {
            throw ApiException.conflict("MEETING_" + status, "Meeting " + meeting.id() + " is " + status.toLowerCase());
        }
        int pending = store.pendingLeaves(meeting.id());
        if (pending > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "LEAVE_PENDING", pending
                    + " leave request(s) still wait for a decision; approve or reject them first");
        }
        store.markMissing(meeting.id(), now.toEpochMilli());
        meetingStore.markClosed(meeting.id(), now);
        MeetingCloser.notifyAbsent(notifier, store, meeting);
        return list(meeting.id(), MeetingStatus.CLOSED, MeetingService.isOnline(meeting), meeting.recordedAfterwards());
    }

    // ---- lists ----

    /** Every expected member with their record or outcome so far: live during check-in, final after closing. */
    @Transactional(readOnly = true)
    public CheckInViews.AttendanceList list(Meeting meeting) {
        return list(meeting.id(), meeting.status(), MeetingService.isOnline(meeting), meeting.recordedAfterwards());
    }

    @Transactional(readOnly = true)
    public CheckInViews.AttendanceList list(long meetingId, MeetingStatus meetingStatus, boolean online,
                                            boolean recordedAfterwards) {
        List<CheckInViews.AttendanceView> items = store.list(meetingId);
        return new CheckInViews.AttendanceList(meetingId, meetingStatus, online, counts(items), items,
                recordedAfterwards);
    }

    static CheckInViews.AttendanceCounts counts(List<CheckInViews.AttendanceView> items) {
        int present = 0, late = 0, leave = 0, absent = 0, pending = 0, suspected = 0, held = 0;
        for (CheckInViews.AttendanceView v : items) {
            switch (v.status()) {
                case PRESENT -> present++;
                case LATE -> late++;
                case ON_LEAVE -> leave++;
                case ABSENT -> absent++;
                case NOT_CHECKED_IN -> pending++;
                case HELD -> held++;
            }
            if (v.suspected()) {
                suspected++;
            }
        }
        return new CheckInViews.AttendanceCounts(items.size(), present, late, leave, absent, pending, suspected, held);
    }

    /** One closed meeting's outcome for one member, for histories and rates. */
    record Outcome(long meetingId, Instant startsAt, long memberId, String memberName, AttendanceStatus status,
                   CheckInViews.AttendanceView view) {
    }

    /** Outcomes in closed meetings starting in [from, to], newest first; of one member or of one branch. */
    @Transactional(readOnly = true)
    public List<Outcome> outcomes(Long memberId, Long branchId, LocalDate from, LocalDate to) {
        return store.outcomes(memberId, branchId, startOf(from), startOf(to.plusDays(1)));
    }

    public CheckInViews.MyHistory history(long memberId, LocalDate from, LocalDate to) {
        List<Outcome> outcomes = outcomes(memberId, null, from, to);
        CheckInViews.MemberRate rate = rate(memberId, "", outcomes);
        return new CheckInViews.MyHistory(from, to, rate.meetings(), rate.present(), rate.late(), rate.onLeave(),
                rate.absent(), rate.attendanceRate(), outcomes.stream().map(Outcome::view).toList());
    }

    public CheckInViews.BranchRates branchRates(long branchId, LocalDate from, LocalDate to, int missedInRowAtLeast) {
        List<Outcome> outcomes = outcomes(null, branchId, from, to);
        Map<Long, List<Outcome>> byMember = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            byMember.computeIfAbsent(o.memberId(), k -> new ArrayList<>()).add(o);
        }
        List<CheckInViews.MemberRate> rates = new ArrayList<>();
        byMember.forEach((id, list) -> rates.add(rate(id, list.get(0).memberName(), list)));
        rates.sort(java.util.Comparator.comparing(CheckInViews.MemberRate::memberName)
                .thenComparing(CheckInViews.MemberRate::memberId));
        CheckInViews.MemberRate all = rate(0, "", outcomes);
        long meetingsHeld = outcomes.stream().map(Outcome::meetingId).distinct().count();
        return new CheckInViews.BranchRates(branchId, from, to, (int) meetingsHeld, all.attendanceRate(),
                rates.stream().filter(r -> r.missedInRow() >= missedInRowAtLeast).toList());
    }

    /** Counts and rate over outcomes (newest first); missedInRow = absences since the last attended meeting. */
    static CheckInViews.MemberRate rate(long memberId, String name, List<Outcome> newestFirst) {
        int present = 0, late = 0, leave = 0, absent = 0, missedInRow = 0;
        boolean streak = true;
        for (Outcome o : newestFirst) {
            switch (o.status()) {
                case PRESENT -> present++;
                case LATE -> late++;
                case ON_LEAVE -> leave++;
                case ABSENT -> absent++;
                default -> { }
            }
            if (streak) {
                if (o.status() == AttendanceStatus.ABSENT) {
                    missedInRow++;
                } else if (o.status().attended()) {
                    streak = false;
                }
            }
        }
        int counted = newestFirst.size() - leave;
        Double rate = counted == 0 ? null : Math.round((present + late) * 10000.0 / counted) / 10000.0;
        return new CheckInViews.MemberRate(memberId, name, newestFirst.size(), present, late, leave, absent, rate,
                missedInRow);
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(BusinessTime.ZONE).toInstant();
    }
}
