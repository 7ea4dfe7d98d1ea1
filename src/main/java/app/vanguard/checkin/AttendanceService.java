package app.vanguard.checkin;

import app.vanguard.auth.Caller;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
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
    private final JdbcOperations jdbc;

    public AttendanceService(MeetingService meetings, JdbcOperations jdbc) {
        this.meetings = meetings;
        this.jdbc = jdbc;
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
        boolean checkedIn = jdbc.prepareStatement("SELECT 1 FROM meeting_attendance WHERE meeting_id = ? "
                + "AND member_id = ?", ps -> {
            ps.setLong(1, meeting.id());
            ps.setLong(2, caller.memberId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (checkedIn) {
            throw ApiException.conflict("ALREADY_CHECKED_IN", "You have already checked in to this meeting");
        }
        try {
            jdbc.prepareStatement("INSERT INTO meeting_leave (meeting_id, member_id, reason, status, requested_at) "
                    + "VALUES (?, ?, ?, 'PENDING', ?)", ps -> {
                ps.setLong(1, meeting.id());
                ps.setLong(2, caller.memberId());
                ps.setString(3, reason.trim());
                ps.setTimestamp(4, Timestamp.from(now));
                return ps.executeUpdate();
            });
        } catch (RuntimeException e) {
            if (AttendanceStore.isDuplicate(e)) {
                throw ApiException.conflict("LEAVE_ALREADY_REQUESTED", "You already asked for leave from this meeting");
            }
            throw e;
        }
        return leaves(meeting.id(), caller.memberId()).get(0);
    }

    @Transactional
    public CheckInViews.LeaveView decide(Caller caller, Meeting meeting, long leaveId, boolean approve) {
        MeetingService.requireScheduled(meeting);
        CheckInViews.LeaveView leave = leaves(meeting.id(), null).stream().filter(l -> l.id() == leaveId).findFirst()
                .orElseThrow(() -> ApiException.notFound("Leave request " + leaveId + " of meeting " + meeting.id()));
        int changed = jdbc.prepareStatement("UPDATE meeting_leave SET status = ?, decided_by = ?, decided_at = ? "
                + "WHERE id = ? AND status = 'PENDING'", ps -> {
            ps.setString(1, approve ? "APPROVED" : "REJECTED");
            ps.setLong(2, caller.memberId());
            ps.setTimestamp(3, Timestamp.from(meetings.now()));
            ps.setLong(4, leaveId);
            return ps.executeUpdate();
        });
        if (changed == 0) {
            throw ApiException.conflict("LEAVE_ALREADY_DECIDED", "Leave request " + leaveId + " is already "
                    + leave.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return leaves(meeting.id(), leave.memberId()).get(0);
    }

    @Transactional(readOnly = true)
    public List<CheckInViews.LeaveView> leaves(long meetingId, Long memberId) {
        return jdbc.prepareStatement("SELECT l.id, l.meeting_id, l.member_id, m.name, l.reason, l.status, l.requested_at, "
                + "l.decided_by, l.decided_at FROM meeting_leave l JOIN member m ON m.id = l.member_id "
                + "WHERE l.meeting_id = ?" + (memberId == null ? "" : " AND l.member_id = ?") + " ORDER BY l.id", ps -> {
            ps.setLong(1, meetingId);
            if (memberId != null) {
                ps.setLong(2, memberId);
            }
            List<CheckInViews.LeaveView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long decidedBy = rs.getLong(8);
                    Long decider = rs.wasNull() ? null : decidedBy;
                    Timestamp decidedAt = rs.getTimestamp(9);
                    out.add(new CheckInViews.LeaveView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), LeaveStatus.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant(),
                            decider, decidedAt == null ? null : decidedAt.toInstant()));
                }
            }
            return out;
        });
    }

    // ---- closing ----

    /**
     * Closes the meeting: everyone expected without a check-in gets ON_LEAVE (approved leave) or ABSENT. Refused
     * before the start and while leave requests are pending. Locks the meeting row against concurrent check-ins.
     */
    @Transactional
    public CheckInViews.AttendanceList close(Meeting meeting) {
        MeetingService.requireScheduled(meeting);
        Instant now = meetings.now();
        if (now.isBefore(meeting.startsAt())) {
            throw ApiException.conflict("MEETING_NOT_STARTED", "A meeting can be closed once it has started");
        }
        String status = jdbc.prepareStatement("SELECT status FROM meeting WHERE id = ? FOR UPDATE", ps -> {
            ps.setLong(1, meeting.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        if (!MeetingStatus.SCHEDULED.name().equals(status)) {
            throw ApiException.conflict("MEETING_" + status, "Meeting " + meeting.id() + " is " + status.toLowerCase());
        }
        int pending = jdbc.prepareStatement("SELECT COUNT(*) FROM meeting_leave WHERE meeting_id = ? "
                + "AND status = 'PENDING'", ps -> {
            ps.setLong(1, meeting.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        if (pending > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "LEAVE_PENDING", pending
                    + " leave request(s) still wait for a decision; approve or reject them first");
        }
        jdbc.prepareStatement("INSERT INTO meeting_attendance (meeting_id, member_id, status, method, checked_in_at_ms, "
                + "suspected) SELECT e.meeting_id, e.member_id, CASE WHEN l.status = 'APPROVED' THEN 'ON_LEAVE' "
                + "ELSE 'ABSENT' END, 'CLOSE', ?, FALSE FROM meeting_attendee e "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? AND a.id IS NULL "
                + "ON DUPLICATE KEY UPDATE status = meeting_attendance.status", ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, meeting.id());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE meeting SET status = 'CLOSED', closed_at = ?, updated_at = ? WHERE id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, meeting.id());
            return ps.executeUpdate();
        });
        return list(meeting.id(), MeetingStatus.CLOSED);
    }

    // ---- lists ----

    /** Every expected member with their record or outcome so far: live during check-in, final after closing. */
    @Transactional(readOnly = true)
    public CheckInViews.AttendanceList list(long meetingId, MeetingStatus meetingStatus) {
        List<CheckInViews.AttendanceView> items = jdbc.prepareStatement("SELECT e.meeting_id, e.member_id, m.name, "
                + "a.status, a.method, a.checked_in_at_ms, a.distance_m, COALESCE(a.suspected, FALSE), a.marked_by, "
                + "a.reason, l.status FROM meeting_attendee e JOIN member m ON m.id = e.member_id "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? ORDER BY a.checked_in_at_ms IS NULL, a.checked_in_at_ms, m.name, m.id", ps -> {
            ps.setLong(1, meetingId);
            List<CheckInViews.AttendanceView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(AttendanceStore.read(rs));
                }
            }
            return out;
        });
        return new CheckInViews.AttendanceList(meetingId, meetingStatus, counts(items), items);
    }

    static CheckInViews.AttendanceCounts counts(List<CheckInViews.AttendanceView> items) {
        int present = 0, late = 0, leave = 0, absent = 0, pending = 0, suspected = 0;
        for (CheckInViews.AttendanceView v : items) {
            switch (v.status()) {
                case PRESENT -> present++;
                case LATE -> late++;
                case ON_LEAVE -> leave++;
                case ABSENT -> absent++;
                case NOT_CHECKED_IN -> pending++;
            }
            if (v.suspected()) {
                suspected++;
            }
        }
        return new CheckInViews.AttendanceCounts(items.size(), present, late, leave, absent, pending, suspected);
    }

    /** One closed meeting's outcome for one member, for histories and rates. */
    record Outcome(long meetingId, Instant startsAt, long memberId, String memberName, AttendanceStatus status,
                   CheckInViews.AttendanceView view) {
    }

    /** Outcomes in closed meetings starting in [from, to], newest first; of one member or of one branch. */
    @Transactional(readOnly = true)
    public List<Outcome> outcomes(Long memberId, Long branchId, LocalDate from, LocalDate to) {
        String where = memberId != null ? "a.member_id = ?" : "mt.branch_id = ?";
        return jdbc.prepareStatement("SELECT " + AttendanceStore.COLUMNS + ", mt.starts_at FROM meeting_attendance a "
                + "JOIN meeting mt ON mt.id = a.meeting_id JOIN member m ON m.id = a.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id "
                + "WHERE " + where + " AND mt.status = 'CLOSED' AND mt.starts_at >= ? AND mt.starts_at < ? "
                + "ORDER BY mt.starts_at DESC, mt.id DESC", ps -> {
            ps.setLong(1, memberId != null ? memberId : branchId);
            ps.setTimestamp(2, Timestamp.from(startOf(from)));
            ps.setTimestamp(3, Timestamp.from(startOf(to.plusDays(1))));
            List<Outcome> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CheckInViews.AttendanceView v = AttendanceStore.read(rs);
                    out.add(new Outcome(v.meetingId(), rs.getTimestamp(12).toInstant(), v.memberId(), v.memberName(),
                            v.status(), v));
                }
            }
            return out;
        });
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
