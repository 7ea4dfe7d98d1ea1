package app.vanguard.points;

import app.vanguard.shared.BusinessTime;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The MySQL side of an award, in one transaction: lock the member's running total for the action and day, return
 * the existing entry if this (member, action, reference) was already awarded, otherwise record what fits under the
 * daily cap. Awards of the same member and action serialise on that row lock; the unique key catches the rest.
 */
@Singleton
public class PointsLedger {

    private final JdbcOperations jdbc;
    private final PointsCaps caps;
    private final Clock clock;

    public PointsLedger(JdbcOperations jdbc, PointsCaps caps, Clock clock) {
        this.jdbc = jdbc;
        this.caps = caps;
        this.clock = clock;
    }

    /** Records the award; returns the entry (new or already there) and the member's branch at award time. */
    @Transactional
    public Recorded record(long memberId, PointsAction action, String reference, int requested) {
        Instant now = clock.instant();
        LocalDate day = BusinessTime.dateOf(now);
        Connection c = jdbc.getConnection();
        try {
            Optional<Recorded> existing = find(c, memberId, action, reference);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement lock = c.prepareStatement("INSERT INTO points_daily_total "
                    + "(member_id, action, business_date, total) VALUES (?, ?, ?, 0) "
                    + "ON DUPLICATE KEY UPDATE total = total")) {
                lock.setLong(1, memberId);
                lock.setString(2, action.name());
                lock.setDate(3, Date.valueOf(day));
                lock.executeUpdate();
            }
            int total;
            try (PreparedStatement select = c.prepareStatement("SELECT total FROM points_daily_total "
                    + "WHERE member_id = ? AND action = ? AND business_date = ? FOR UPDATE")) {
                select.setLong(1, memberId);
                select.setString(2, action.name());
                select.setDate(3, Date.valueOf(day));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            // No second look under the lock: an award of the same reference committed meanwhile is caught by the
            // INSERT IGNORE below, which then reads it (and the daily total is only raised for a new row).
            int granted = (int) Math.max(0, Math.min((long) requested, (long) caps.capFor(action) - total));
            Long branchId = branchOf(c, memberId);
            long id;
            // INSERT IGNORE: a concurrent award of the same (member, action, reference) waits on the unique key and
            // then inserts nothing, without an exception that would mark a caller's enclosing transaction
            // rollback-only; the existing row is then read with a locking read.
            try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO points_entry (member_id, branch_id, action, "
                    + "reference, requested, points, business_date, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, memberId);
                if (branchId == null) {
                    insert.setNull(2, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(2, branchId);
                }
                insert.setString(3, action.name());
                insert.setString(4, reference);
                insert.setInt(5, requested);
                insert.setInt(6, granted);
                insert.setDate(7, Date.valueOf(day));
                insert.setLong(8, now.toEpochMilli());
                if (insert.executeUpdate() == 0) {
                    return find(c, memberId, action, reference, true).orElseThrow(() -> new IllegalStateException(
                            "points entry neither inserted nor found: " + memberId + " " + action + " " + reference));
                }
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            if (granted > 0) {
                try (PreparedStatement add = c.prepareStatement("UPDATE points_daily_total SET total = total + ? "
                        + "WHERE member_id = ? AND action = ? AND business_date = ?")) {
                    add.setInt(1, granted);
                    add.setLong(2, memberId);
                    add.setString(3, action.name());
                    add.setDate(4, Date.valueOf(day));
                    add.executeUpdate();
                }
            }
            return new Recorded(new PointsAward(id, memberId, action, reference, requested, granted, granted < requested,
                    false, day), branchId, now.toEpochMilli());
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            throw new DuplicateAward(duplicate);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record points", e);
        }
    }

    /** Looks the award up outside any lock, e.g. after {@link DuplicateAward}. */
    @Transactional(readOnly = true)
    public Optional<Recorded> find(long memberId, PointsAction action, String reference) {
        try {
            return find(jdbc.getConnection(), memberId, action, reference);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Recorded> find(Connection c, long memberId, PointsAction action, String reference)
            throws SQLException {
        return find(c, memberId, action, reference, false);
    }

    private static Optional<Recorded> find(Connection c, long memberId, PointsAction action, String reference,
                                           boolean locking) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, requested, points, business_date, branch_id, "
                + "created_at_ms FROM points_entry WHERE member_id = ? AND action = ? AND reference = ?"
                + (locking ? " LOCK IN SHARE MODE" : ""))) {
            ps.setLong(1, memberId);
            ps.setString(2, action.name());
            ps.setString(3, reference);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int requested = rs.getInt(2);
                int points = rs.getInt(3);
                long branch = rs.getLong(5);
                Long branchId = rs.wasNull() ? null : branch;
                return Optional.of(new Recorded(new PointsAward(rs.getLong(1), memberId, action, reference, requested,
                        points, points < requested, true, rs.getDate(4).toLocalDate()), branchId, rs.getLong(6)));
            }
        }
    }

    private static Long branchOf(Connection c, long memberId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT branch_id FROM member WHERE id = ?")) {
            ps.setLong(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("No member " + memberId);
                }
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    /** An award as stored, with what the boards need: the branch and the award time. */
    public record Recorded(PointsAward award, Long branchId, long createdAtMs) {
    }

    /** The same award was committed concurrently; the caller looks it up. */
    public static final class DuplicateAward extends RuntimeException {
        DuplicateAward(Throwable cause) {
            super(cause);
        }
    }
}
