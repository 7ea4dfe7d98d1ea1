package app.vanguard.checkin;

import app.vanguard.org.MemberStore;
import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The rows of meeting_attendance. One row per (meeting, member), enforced by the unique key: a concurrent second
 * check-in loses the insert and reads the first one. Inserts and closing both lock the meeting row, so a check-in
 * never lands on a closed meeting and closing never misses a check-in.
 */
@Singleton
public class AttendanceStore {

    // Members' names through org's SQL fragment (a primary-key lookup in org's table), in the same statement.
    static final String COLUMNS = "a.meeting_id, a.member_id, " + MemberStore.nameOf("a.member_id")
            + ", a.status, a.method, a.checked_in_at_ms, "
            + "a.distance_m, a.suspected, a.marked_by, a.reason, l.status";

    private final Sql sql;

    public AttendanceStore(Sql sql) {
        this.sql = sql;
    }

    /** Row to insert. */
    public record NewCheckIn(long meetingId, long memberId, AttendanceStatus status, String method, long atMs,
                             @Nullable Double latitude, @Nullable Double longitude, @Nullable Integer distanceM,
                             boolean suspected, @Nullable Long markedBy, @Nullable String reason) {
    }

    /**
     * Inserts the check-in while the meeting is still SCHEDULED (INSERT ... SELECT reads the meeting row with a shared
     * lock, so it waits for a concurrent close). Returns false when the meeting is no longer open; throws
     * {@link Sql.Duplicate} when the member already has a row.
     */
    @Transactional
    public boolean insert(NewCheckIn c) {
        return sql.update("INSERT INTO meeting_attendance (meeting_id, member_id, status, method, "
                + "checked_in_at_ms, latitude, longitude, distance_m, suspected, marked_by, reason) "
                + "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM meeting WHERE id = ? AND status = 'SCHEDULED'",
                c.memberId(), c.status(), c.method(), c.atMs(), c.latitude(), c.longitude(), c.distanceM(),
                c.suspected(), c.markedBy(), c.reason(), c.meetingId()) == 1;
    }

    /** A check-in batch's view of its meetings and members, read in one round trip. */
    record BatchStandings(Map<Long, Instant> versions, Map<List<Long>, CheckInViews.AttendanceView> standings) {
    }

    /**
     * In one round trip ({@link Sql#script}): the meetings' versions ({@code updated_at}, set by every edit, cancel
     * and close), read with a shared lock held to the end of the transaction — a concurrent close or edit waits for
     * the check-ins being written, so they are judged by the meeting as it stands and never land after its close;
     * unknown ids are left out — and then the standings of the (meeting, member) pairs: their record, or
     * NOT_CHECKED_IN / ON_LEAVE when they have none yet; pairs whose member is not expected are left out.
     */
    BatchStandings lockMeetingsWithStandings(Collection<Long> meetingIds, List<List<Long>> pairs) {
        Map<Long, Instant> versions = new HashMap<>();
        Map<List<Long>, CheckInViews.AttendanceView> out = new HashMap<>();
        if (meetingIds.isEmpty()) {
            return new BatchStandings(versions, out);
        }
        List<Object> args = new ArrayList<>();
        pairs.forEach(args::addAll);
        sql.script(List.of(
                Sql.Step.query("SELECT id, updated_at FROM meeting WHERE id IN (" + Sql.placeholders(meetingIds)
                        + ") LOCK IN SHARE MODE", rs -> versions.put(rs.getLong(1), rs.getTimestamp(2).toInstant()),
                        meetingIds.toArray()),
                Sql.Step.query("SELECT e.meeting_id, e.member_id, " + MemberStore.nameOf("e.member_id")
                        + ", a.status, a.method, a.checked_in_at_ms, a.distance_m, a.suspected, a.marked_by, "
                        + "a.reason, l.status FROM meeting_attendee e "
                        + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                        + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                        + "WHERE " + String.join(" OR ", java.util.Collections.nCopies(pairs.size(),
                        "(e.meeting_id = ? AND e.member_id = ?)")), rs -> {
                    CheckInViews.AttendanceView v = read(rs);
                    out.put(List.of(v.meetingId(), v.memberId()), v);
                }, args.toArray())));
        return new BatchStandings(versions, out);
    }

    /**
     * Inserts the check-ins in one statement (INSERT IGNORE): answers how many were written; fewer than given when a
     * member's row already existed (the unique key), which the caller resolves.
     */
    int insertAll(List<NewCheckIn> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        for (NewCheckIn c : rows) {
            values.add(new Object[] {c.meetingId(), c.memberId(), c.status(), c.method(), c.atMs(), c.latitude(),
                    c.longitude(), c.distanceM(), c.suspected(), c.markedBy(), c.reason()});
        }
        return sql.insertRows("INSERT IGNORE INTO meeting_attendance (meeting_id, member_id, status, method, "
                + "checked_in_at_ms, latitude, longitude, distance_m, suspected, marked_by, reason) VALUES", values, "");
    }

    /** The secretary's decision on a HELD check-in; false when it was no longer held. */
    boolean decideHeld(long meetingId, long memberId, AttendanceStatus outcome, long markedBy, @Nullable String reason) {
        return sql.update("UPDATE meeting_attendance SET status = ?, marked_by = ?, reason = COALESCE(?, reason) "
                + "WHERE meeting_id = ? AND member_id = ? AND status = 'HELD'", outcome, markedBy, reason, meetingId,
                memberId) == 1;
    }

    /** Turns a closing's ABSENT or ON_LEAVE into PRESENT marked by hand (a correction after the meeting). */
    @Transactional
    public boolean correctToPresent(long meetingId, long memberId, long atMs, long markedBy, String reason) {
        return sql.update("UPDATE meeting_attendance SET status = 'PRESENT', method = 'MANUAL', "
                + "checked_in_at_ms = ?, marked_by = ?, reason = ?, suspected = FALSE, distance_m = NULL, latitude = NULL, "
                + "longitude = NULL WHERE meeting_id = ? AND member_id = ? AND status IN ('ABSENT', 'ON_LEAVE')",
                atMs, markedBy, reason, meetingId, memberId) == 1;
    }

    /** Reads the member's row in a fresh transaction, so a row committed by a concurrent request is seen. */
    @Transactional(readOnly = true)
    public Optional<CheckInViews.AttendanceView> find(long meetingId, long memberId) {
        return sql.one("SELECT " + COLUMNS + " FROM meeting_attendance a "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id "
                + "WHERE a.meeting_id = ? AND a.member_id = ?", AttendanceStore::read, meetingId, memberId);
    }

    /** The member's row as last committed (a locking read: inside a transaction whose snapshot predates it). */
    Optional<CheckInViews.AttendanceView> findLatest(long meetingId, long memberId) {
        return sql.one("SELECT " + COLUMNS + " FROM meeting_attendance a "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id "
                + "WHERE a.meeting_id = ? AND a.member_id = ? LOCK IN SHARE MODE", AttendanceStore::read, meetingId,
                memberId);
    }

    /** Reads a row selected with {@link #COLUMNS}. */
    static CheckInViews.AttendanceView read(ResultSet rs) throws SQLException {
        String status = rs.getString(4);
        long at = rs.getLong(6);
        boolean atNull = rs.wasNull();
        int distance = rs.getInt(7);
        Integer distanceM = rs.wasNull() ? null : distance;
        long markedBy = rs.getLong(9);
        Long marked = rs.wasNull() ? null : markedBy;
        String leave = rs.getString(11);
        AttendanceStatus outcome = status == null
                ? ("APPROVED".equals(leave) ? AttendanceStatus.ON_LEAVE : AttendanceStatus.NOT_CHECKED_IN)
                : AttendanceStatus.valueOf(status);
        boolean attended = outcome.attended() || outcome == AttendanceStatus.HELD;
        return new CheckInViews.AttendanceView(rs.getLong(1), rs.getLong(2), rs.getString(3), outcome,
                status == null ? null : rs.getString(5), attended && !atNull ? java.time.Instant.ofEpochMilli(at) : null,
                distanceM, rs.getBoolean(8), marked, rs.getString(10), leave == null ? null : LeaveStatus.valueOf(leave));
    }

    // ---- leave ----

    boolean hasRow(long meetingId, long memberId) {
        return sql.one("SELECT 1 FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?", rs -> true,
                meetingId, memberId).isPresent();
    }

    /** A pending leave request; {@link Sql.Duplicate} when the member already asked. */
    void insertLeave(long meetingId, long memberId, String reason, Instant now) {
        sql.update("INSERT INTO meeting_leave (meeting_id, member_id, reason, status, requested_at) "
                + "VALUES (?, ?, ?, 'PENDING', ?)", meetingId, memberId, reason, now);
    }

    /** Decides a pending request; false when it was no longer pending. */
    boolean decideLeave(long leaveId, boolean approve, long decidedBy, Instant now) {
        return sql.update("UPDATE meeting_leave SET status = ?, decided_by = ?, decided_at = ? "
                + "WHERE id = ? AND status = 'PENDING'", approve ? "APPROVED" : "REJECTED", decidedBy, now, leaveId) != 0;
    }

    List<CheckInViews.LeaveView> leaves(long meetingId, Long memberId) {
        String query = "SELECT l.id, l.meeting_id, l.member_id, " + MemberStore.nameOf("l.member_id") + ", l.reason, "
                + "l.status, l.requested_at, l.decided_by, l.decided_at FROM meeting_leave l "
                + "WHERE l.meeting_id = ?" + (memberId == null ? "" : " AND l.member_id = ?") + " ORDER BY l.id";
        Sql.Row<CheckInViews.LeaveView> row = rs -> {
            long decidedBy = rs.getLong(8);
            Long decider = rs.wasNull() ? null : decidedBy;
            java.sql.Timestamp decidedAt = rs.getTimestamp(9);
            return new CheckInViews.LeaveView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), LeaveStatus.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant(),
                    decider, decidedAt == null ? null : decidedAt.toInstant());
        };
        return memberId == null ? sql.list(query, row, meetingId) : sql.list(query, row, meetingId, memberId);
    }

    // ---- closing ----

    int pendingLeaves(long meetingId) {
        return (int) sql.count("SELECT COUNT(*) FROM meeting_leave WHERE meeting_id = ? AND status = 'PENDING'",
                meetingId);
    }

    /** Leave requests still undecided at an automatic close: EXPIRED (the member is then ABSENT). */
    int expirePendingLeaves(long meetingId, Instant now) {
        return sql.update("UPDATE meeting_leave SET status = 'EXPIRED', decided_at = ? WHERE meeting_id = ? "
                + "AND status = 'PENDING'", now, meetingId);
    }

    /** The members recorded ABSENT by closing the meeting. */
    List<Long> closedAbsent(long meetingId) {
        return sql.list("SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND status = 'ABSENT' "
                + "AND method = 'CLOSE' ORDER BY member_id", rs -> rs.getLong(1), meetingId);
    }

    /** Everyone expected without a row gets ON_LEAVE (approved leave) or ABSENT. */
    void markMissing(long meetingId, long atMs) {
        sql.update("INSERT INTO meeting_attendance (meeting_id, member_id, status, method, checked_in_at_ms, "
                + "suspected) SELECT e.meeting_id, e.member_id, CASE WHEN l.status = 'APPROVED' THEN 'ON_LEAVE' "
                + "ELSE 'ABSENT' END, 'CLOSE', ?, FALSE FROM meeting_attendee e "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? AND a.id IS NULL "
                + "ON DUPLICATE KEY UPDATE status = meeting_attendance.status", atMs, meetingId);
    }

    // ---- lists ----

    /** Every expected member with their record or outcome so far. */
    List<CheckInViews.AttendanceView> list(long meetingId) {
        return sql.list("SELECT e.meeting_id, e.member_id, " + MemberStore.nameOf("e.member_id") + " AS name, "
                + "a.status, a.method, a.checked_in_at_ms, a.distance_m, COALESCE(a.suspected, FALSE), a.marked_by, "
                + "a.reason, l.status FROM meeting_attendee e "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? ORDER BY a.checked_in_at_ms IS NULL, a.checked_in_at_ms, name, e.member_id",
                AttendanceStore::read, meetingId);
    }

    /** Outcomes in closed meetings starting in [from, to), newest first; of one member or of one branch. */
    List<AttendanceService.Outcome> outcomes(Long memberId, Long branchId, Instant from, Instant to) {
        String where = memberId != null ? "a.member_id = ?" : "mt.branch_id = ?";
        return sql.list("SELECT " + COLUMNS + ", mt.starts_at FROM meeting_attendance a "
                + "JOIN meeting mt ON mt.id = a.meeting_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id "
                + "WHERE " + where + " AND mt.status = 'CLOSED' AND mt.starts_at >= ? AND mt.starts_at < ? "
                + "ORDER BY mt.starts_at DESC, mt.id DESC", rs -> {
            CheckInViews.AttendanceView v = read(rs);
            return new AttendanceService.Outcome(v.meetingId(), rs.getTimestamp(12).toInstant(), v.memberId(),
                    v.memberName(), v.status(), v);
        }, memberId != null ? memberId : branchId, from, to);
    }
}
