package app.vanguard.checkin;

import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written SQL of meetings (三会一课) beside {@link MeetingRepository}: expected attendees, a member's own
 * standing, held meetings and attendance of a subtree (compliance), the annual plan and the minutes. Every method
 * runs on the caller's transaction or connection (the services carry the annotations).
 */
@Singleton
public class MeetingStore {

    private final Sql sql;

    public MeetingStore(Sql sql) {
        this.sql = sql;
    }

    // ---- attendees ----

    boolean isAttendee(long meetingId, long memberId) {
        return sql.one("SELECT 1 FROM meeting_attendee WHERE meeting_id = ? AND member_id = ?", rs -> true,
                meetingId, memberId).isPresent();
    }

    void insertAttendees(long meetingId, List<Long> memberIds) {
        sql.batch("INSERT INTO meeting_attendee (meeting_id, member_id) VALUES (?, ?)",
                memberIds.stream().map(id -> new Object[]{meetingId, id}).toList());
    }

    int expectedCount(long meetingId) {
        return (int) sql.count("SELECT COUNT(*) FROM meeting_attendee WHERE meeting_id = ?", meetingId);
    }

    /** The meetings the member is expected at starting in [from, to), at most 200. */
    /**
     * The meetings the member is expected at that start in [from, to): upcoming ones (not over, or check-in still
     * open: started after {@code closedBefore}) oldest first, or past ones (over and check-in closed) newest first.
     */
    List<Long> meetingIdsOf(long memberId, Instant from, Instant to, Instant now, Instant closedBefore,
                            boolean upcoming, int limit, long offset) {
        return sql.list("SELECT m.id FROM meeting m JOIN meeting_attendee a ON a.meeting_id = m.id "
                + "WHERE a.member_id = ? AND m.starts_at >= ? AND m.starts_at < ? AND " + (upcoming ? "" : "NOT ")
                + "(m.ends_at > ? OR m.starts_at > ?) ORDER BY m.starts_at " + (upcoming ? "ASC" : "DESC")
                + ", m.id LIMIT ? OFFSET ?", rs -> rs.getLong(1), memberId, from, to, now, closedBefore, limit, offset);
    }

    long countMeetingsOf(long memberId, Instant from, Instant to, Instant now, Instant closedBefore,
                         boolean upcoming) {
        return sql.count("SELECT COUNT(*) FROM meeting m JOIN meeting_attendee a ON a.meeting_id = m.id "
                + "WHERE a.member_id = ? AND m.starts_at >= ? AND m.starts_at < ? AND " + (upcoming ? "" : "NOT ")
                + "(m.ends_at > ? OR m.starts_at > ?)", memberId, from, to, now, closedBefore);
    }

    /** An expected member's own attendance and leave. */
    CheckInViews.MyAttendance myAttendance(long meetingId, long memberId) {
        return sql.one("SELECT a.status, a.checked_in_at_ms, l.status FROM meeting_attendee e "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? AND e.member_id = ?", rs -> {
            String status = rs.getString(1);
            long at = rs.getLong(2);
            String leave = rs.getString(3);
            LeaveStatus leaveStatus = leave == null ? null : LeaveStatus.valueOf(leave);
            AttendanceStatus outcome = status != null ? AttendanceStatus.valueOf(status)
                    : leaveStatus == LeaveStatus.APPROVED ? AttendanceStatus.ON_LEAVE
                    : AttendanceStatus.NOT_CHECKED_IN;
            boolean checkedIn = status != null && AttendanceStatus.valueOf(status).attended();
            return new CheckInViews.MyAttendance(outcome, checkedIn ? Instant.ofEpochMilli(at) : null, leaveStatus);
        }, meetingId, memberId).orElseThrow();
    }

    // ---- closing ----

    /** The meeting's status, its row locked against concurrent check-ins. */
    String lockStatus(long meetingId) {
        return sql.one("SELECT status FROM meeting WHERE id = ? FOR UPDATE", rs -> rs.getString(1), meetingId)
                .orElseThrow();
    }

    /** Scheduled meetings that started before {@code startedBefore} (their check-in window has ended), oldest first. */
    List<Long> dueToClose(Instant startedBefore, int limit) {
        return sql.list("SELECT id FROM meeting WHERE status = 'SCHEDULED' AND starts_at < ? ORDER BY starts_at, id "
                + "LIMIT ?", rs -> rs.getLong(1), startedBefore, limit);
    }

    /**
     * Claims the automatic close of one meeting: one conditional UPDATE, so of several instances racing exactly one
     * gets 1 (and the row's lock until it commits); the others get 0 and do nothing.
     */
    boolean claimClose(long meetingId, Instant startedBefore, Instant now) {
        return sql.update("UPDATE meeting SET status = 'CLOSED', closed_at = ?, updated_at = ? WHERE id = ? "
                + "AND status = 'SCHEDULED' AND starts_at < ?", now, now, meetingId, startedBefore) == 1;
    }

    /** Whether anyone attended the meeting by the code (PRESENT or LATE; a confirmed held check-in included). */
    boolean attendedByCode(long meetingId) {
        return sql.one("SELECT 1 FROM meeting_attendance WHERE meeting_id = ? AND method = 'CODE' "
                + "AND status IN ('PRESENT', 'LATE') LIMIT 1", rs -> true, meetingId).isPresent();
    }

    void markClosed(long meetingId, Instant now) {
        sql.update("UPDATE meeting SET status = 'CLOSED', closed_at = ?, updated_at = ? WHERE id = ?", now, now,
                meetingId);
    }

    // ---- compliance ----

    /** A held meeting of a subtree, for compliance. */
    record Held(long id, long branchId, Long groupId, MeetingType type, YearMonth month, boolean recordedAfterwards) {
    }

    /** A closed meeting counts as held only with an attendance by code or its minutes (SQL condition on m). */
    static final String HELD = "(EXISTS (SELECT 1 FROM meeting_attendance ha WHERE ha.meeting_id = m.id "
            + "AND ha.method = 'CODE' AND ha.status IN ('PRESENT', 'LATE')) "
            + "OR EXISTS (SELECT 1 FROM meeting_minutes hm WHERE hm.meeting_id = m.id))";

    /**
     * Held meetings of the branches, starting in [from, to): closed, and attended by code by at least one member or
     * with minutes. A meeting closed with nobody present and no minutes was not held.
     */
    List<Held> held(Collection<Long> branchIds, Instant from, Instant to) {
        if (branchIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(branchIds);
        args.add(from);
        args.add(to);
        return sql.list("SELECT m.id, m.branch_id, m.group_id, m.type, m.starts_at, m.recorded_afterwards FROM meeting m "
                + "WHERE m.branch_id IN (" + Sql.placeholders(branchIds) + ") AND m.status = 'CLOSED' AND " + HELD
                + " AND m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at, m.id", rs -> {
            long group = rs.getLong(3);
            Long groupId = rs.wasNull() ? null : group;
            return new Held(rs.getLong(1), rs.getLong(2), groupId, MeetingType.valueOf(rs.getString(4)),
                    YearMonth.from(rs.getTimestamp(5).toInstant().atZone(BusinessTime.ZONE)), rs.getBoolean(6));
        }, args.toArray());
    }

    /** Per branch: {attended, counted (expected minus on leave)} over closed meetings. */
    Map<Long, int[]> attendance(Collection<Long> branchIds, Instant from, Instant to) {
        Map<Long, int[]> out = new HashMap<>();
        if (branchIds.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>(branchIds);
        args.add(from);
        args.add(to);
        sql.each("SELECT m.branch_id, SUM(a.status IN ('PRESENT', 'LATE')), SUM(a.status <> 'ON_LEAVE') FROM meeting m "
                + "JOIN meeting_attendance a ON a.meeting_id = m.id WHERE m.branch_id IN (" + Sql.placeholders(branchIds)
                + ") AND m.status = 'CLOSED' AND m.starts_at >= ? AND m.starts_at < ? GROUP BY m.branch_id",
                rs -> out.put(rs.getLong(1), new int[]{rs.getInt(2), rs.getInt(3)}), args.toArray());
        return out;
    }

    // ---- the annual plan ----

    /** One item of a branch's annual plan as filed. */
    record PlanItem(int month, MeetingType type, String topic, Instant filedAt) {
    }

    void replacePlan(long branchId, int year, List<CheckInViews.PlanItem> items, long filedBy, Instant now) {
        sql.update("DELETE FROM meeting_plan_item WHERE branch_id = ? AND plan_year = ?", branchId, year);
        sql.batch("INSERT INTO meeting_plan_item (branch_id, plan_year, month, type, topic, filed_by, "
                + "filed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", items.stream().map(item -> new Object[]{branchId, year,
                item.month(), item.type(), item.topic() == null || item.topic().isBlank() ? null : item.topic().trim(),
                filedBy, now}).toList());
    }

    /** A branch's plan item of a month with no meeting of its type scheduled or held in that month. */
    record Unscheduled(long branchId, MeetingType type, String topic) {
    }

    /** Plan items of the month (every branch) without a meeting of their type starting in [from, to), not cancelled. */
    List<Unscheduled> unscheduledPlanItems(int year, int month, Instant from, Instant to) {
        return sql.list("SELECT p.branch_id, p.type, MIN(p.topic) FROM meeting_plan_item p WHERE p.plan_year = ? "
                + "AND p.month = ? AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.branch_id = p.branch_id "
                + "AND m.type = p.type AND m.status <> 'CANCELLED' AND m.starts_at >= ? AND m.starts_at < ?) "
                + "GROUP BY p.branch_id, p.type ORDER BY p.branch_id, p.type", rs -> new Unscheduled(rs.getLong(1),
                MeetingType.valueOf(rs.getString(2)), rs.getString(3)), year, month, from, to);
    }

    List<PlanItem> plan(long branchId, int year) {
        return sql.list("SELECT month, type, topic, filed_at FROM meeting_plan_item "
                + "WHERE branch_id = ? AND plan_year = ? ORDER BY month, id", rs -> new PlanItem(rs.getInt(1),
                MeetingType.valueOf(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant()), branchId, year);
    }

    // ---- minutes (党组织活动记录簿) ----

    void saveMinutes(long meetingId, String topic, String content, String speakers, String resolutions,
                     long recordedBy, Instant now) {
        sql.update("INSERT INTO meeting_minutes (meeting_id, topic, content, speakers, resolutions, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE topic = VALUES(topic), "
                + "content = VALUES(content), speakers = VALUES(speakers), resolutions = VALUES(resolutions), "
                + "recorded_by = VALUES(recorded_by), recorded_at = VALUES(recorded_at)", meetingId, topic, content,
                speakers, resolutions, recordedBy, now);
    }

    Optional<CheckInViews.MinutesView> minutes(long meetingId) {
        return sql.one("SELECT meeting_id, topic, content, speakers, resolutions, recorded_by, recorded_at "
                + "FROM meeting_minutes WHERE meeting_id = ?", rs -> new CheckInViews.MinutesView(rs.getLong(1),
                rs.getString(2), rs.getString(3), split(rs.getString(4)), split(rs.getString(5)), rs.getLong(6),
                rs.getTimestamp(7).toInstant()), meetingId);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? null : Arrays.asList(text.split("\n"));
    }
}
