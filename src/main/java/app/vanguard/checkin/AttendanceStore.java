package app.vanguard.checkin;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Types;
import java.util.Optional;

/**
 * The rows of meeting_attendance. One row per (meeting, member), enforced by the unique key: a concurrent second
 * check-in loses the insert and reads the first one. Inserts and closing both lock the meeting row, so a check-in
 * never lands on a closed meeting and closing never misses a check-in.
 */
@Singleton
public class AttendanceStore {

    static final String COLUMNS = "a.meeting_id, a.member_id, m.name, a.status, a.method, a.checked_in_at_ms, "
            + "a.distance_m, a.suspected, a.marked_by, a.reason, l.status";

    private final JdbcOperations jdbc;

    public AttendanceStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A new check-in, or what already stands (never a second row). */
    public record Outcome(CheckInViews.AttendanceView record, boolean created) {
    }

    /** Row to insert. */
    public record NewCheckIn(long meetingId, long memberId, AttendanceStatus status, String method, long atMs,
                             @Nullable Double latitude, @Nullable Double longitude, @Nullable Integer distanceM,
                             boolean suspected, @Nullable Long markedBy, @Nullable String reason) {
    }

    /**
     * Inserts the check-in while the meeting is still SCHEDULED (INSERT ... SELECT reads the meeting row with a shared
     * lock, so it waits for a concurrent close). Returns false when the meeting is no longer open; throws
     * {@link Duplicate} when the member already has a row.
     */
    @Transactional
    public boolean insert(NewCheckIn c) {
        try {
            return jdbc.prepareStatement("INSERT INTO meeting_attendance (meeting_id, member_id, status, method, "
                    + "checked_in_at_ms, latitude, longitude, distance_m, suspected, marked_by, reason) "
                    + "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM meeting WHERE id = ? AND status = 'SCHEDULED'", ps -> {
                ps.setLong(1, c.memberId());
                ps.setString(2, c.status().name());
                ps.setString(3, c.method());
                ps.setLong(4, c.atMs());
                setDouble(ps, 5, c.latitude());
                setDouble(ps, 6, c.longitude());
                if (c.distanceM() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, c.distanceM());
                }
                ps.setBoolean(8, c.suspected());
                if (c.markedBy() == null) {
                    ps.setNull(9, Types.BIGINT);
                } else {
                    ps.setLong(9, c.markedBy());
                }
                ps.setString(10, c.reason());
                ps.setLong(11, c.meetingId());
                return ps.executeUpdate() == 1;
            });
        } catch (RuntimeException e) {
            if (isDuplicate(e)) {
                throw new Duplicate();
            }
            throw e;
        }
    }

    /** Turns a closing's ABSENT or ON_LEAVE into PRESENT marked by hand (a correction after the meeting). */
    @Transactional
    public boolean correctToPresent(long meetingId, long memberId, long atMs, long markedBy, String reason) {
        return jdbc.prepareStatement("UPDATE meeting_attendance SET status = 'PRESENT', method = 'MANUAL', "
                + "checked_in_at_ms = ?, marked_by = ?, reason = ?, suspected = FALSE, distance_m = NULL, latitude = NULL, "
                + "longitude = NULL WHERE meeting_id = ? AND member_id = ? AND status IN ('ABSENT', 'ON_LEAVE')", ps -> {
            ps.setLong(1, atMs);
            ps.setLong(2, markedBy);
            ps.setString(3, reason);
            ps.setLong(4, meetingId);
            ps.setLong(5, memberId);
            return ps.executeUpdate() == 1;
        });
    }

    /**
     * The member's standing at the meeting in one statement (no transaction: it sees the latest commits): their
     * record, or NOT_CHECKED_IN / ON_LEAVE when they have none yet; empty when they are not expected at all.
     */
    @Connectable
    public Optional<CheckInViews.AttendanceView> expected(long meetingId, long memberId) {
        return jdbc.prepareStatement("SELECT e.meeting_id, e.member_id, m.name, a.status, a.method, a.checked_in_at_ms, "
                + "a.distance_m, a.suspected, a.marked_by, a.reason, l.status FROM meeting_attendee e "
                + "JOIN member m ON m.id = e.member_id "
                + "LEFT JOIN meeting_attendance a ON a.meeting_id = e.meeting_id AND a.member_id = e.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id "
                + "WHERE e.meeting_id = ? AND e.member_id = ?", ps -> {
            ps.setLong(1, meetingId);
            ps.setLong(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** Reads the member's row in a fresh transaction, so a row committed by a concurrent request is seen. */
    @Transactional(readOnly = true)
    public Optional<CheckInViews.AttendanceView> find(long meetingId, long memberId) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM meeting_attendance a JOIN member m ON m.id = a.member_id "
                + "LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id "
                + "WHERE a.meeting_id = ? AND a.member_id = ?", ps -> {
            ps.setLong(1, meetingId);
            ps.setLong(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
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
        boolean attended = outcome.attended();
        return new CheckInViews.AttendanceView(rs.getLong(1), rs.getLong(2), rs.getString(3), outcome,
                status == null ? null : rs.getString(5), attended && !atNull ? java.time.Instant.ofEpochMilli(at) : null,
                distanceM, rs.getBoolean(8), marked, rs.getString(10), leave == null ? null : LeaveStatus.valueOf(leave));
    }

    private static void setDouble(java.sql.PreparedStatement ps, int i, @Nullable Double d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, d);
        }
    }

    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /** The member already has a row for the meeting. */
    public static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }
}
