package app.vanguard.points;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's statements (points_entry, points_daily_total): what {@link PointsLedger} writes in an award's
 * transaction, and the member's history. Unannotated methods run on the caller's transaction.
 */
@Singleton
public class PointsStore {

    private final Sql sql;

    public PointsStore(Sql sql) {
        this.sql = sql;
    }

    // ---- an award (PointsLedger's transaction) ----

    /** The entry of (member, action, reference), if recorded; {@code locking} reads it with a shared lock. */
    Optional<PointsLedger.Recorded> find(long memberId, PointsAction action, String reference, boolean locking) {
        return sql.one("SELECT id, requested, points, business_date, branch_id, "
                + "created_at_ms FROM points_entry WHERE member_id = ? AND action = ? AND reference = ?"
                + (locking ? " LOCK IN SHARE MODE" : ""), rs -> {
            int requested = rs.getInt(2);
            int points = rs.getInt(3);
            long branch = rs.getLong(5);
            Long branchId = rs.wasNull() ? null : branch;
            return new PointsLedger.Recorded(new PointsAward(rs.getLong(1), memberId, action, reference, requested,
                    points, points < requested, true, rs.getDate(4).toLocalDate()), branchId, rs.getLong(6));
        }, memberId, action, reference);
    }

    /** Makes sure the day's running total exists, then answers it with the row locked. */
    int lockDailyTotal(long memberId, PointsAction action, LocalDate day) {
        sql.update("INSERT INTO points_daily_total "
                + "(member_id, action, business_date, total) VALUES (?, ?, ?, 0) "
                + "ON DUPLICATE KEY UPDATE total = total", memberId, action, day);
        return sql.one("SELECT total FROM points_daily_total "
                + "WHERE member_id = ? AND action = ? AND business_date = ? FOR UPDATE", rs -> rs.getInt(1),
                memberId, action, day).orElseThrow();
    }

    /**
     * INSERT IGNORE of the entry: a concurrent award of the same (member, action, reference) waits on the unique key
     * and then inserts nothing, without an exception that would mark a caller's enclosing transaction rollback-only.
     * Answers the new id, or 0 when the row already existed.
     */
    long insertIgnore(long memberId, Long branchId, PointsAction action, String reference, int requested, int points,
                      LocalDate day, long createdAtMs) {
        return sql.insert("INSERT IGNORE INTO points_entry (member_id, branch_id, action, "
                + "reference, requested, points, business_date, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                memberId, branchId, action, reference, requested, points, day, createdAtMs);
    }

    void addToDailyTotal(long memberId, PointsAction action, LocalDate day, int points) {
        sql.update("UPDATE points_daily_total SET total = total + ? "
                + "WHERE member_id = ? AND action = ? AND business_date = ?", points, memberId, action, day);
    }

    // ---- history ----

    /** The member's history between the dates: one page of entries (newest first), totals, per action, per day. */
    @Transactional(readOnly = true)
    public PointsViews.History history(long memberId, LocalDate from, LocalDate to, int page, int size) {
        List<PointsViews.Entry> items = sql.list("SELECT id, action, reference, requested, points, "
                + "business_date, created_at_ms FROM points_entry WHERE member_id = ? AND business_date BETWEEN ? AND ? "
                + "ORDER BY id DESC LIMIT ? OFFSET ?", rs -> {
            int requested = rs.getInt(4);
            int points = rs.getInt(5);
            return new PointsViews.Entry(rs.getLong(1), PointsAction.valueOf(rs.getString(2)), rs.getString(3),
                    requested, points, points < requested, rs.getDate(6).toLocalDate(),
                    Instant.ofEpochMilli(rs.getLong(7)));
        }, memberId, from, to, size, (long) page * size);
        List<PointsViews.ActionTotal> byAction = sql.list("SELECT action, SUM(points), COUNT(*) "
                + "FROM points_entry WHERE member_id = ? AND business_date BETWEEN ? AND ? GROUP BY action ORDER BY action",
                rs -> new PointsViews.ActionTotal(PointsAction.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)),
                memberId, from, to);
        List<PointsViews.DayTotal> byDay = sql.list("SELECT business_date, SUM(points) FROM points_entry "
                + "WHERE member_id = ? AND business_date BETWEEN ? AND ? GROUP BY business_date ORDER BY business_date DESC",
                rs -> new PointsViews.DayTotal(rs.getDate(1).toLocalDate(), rs.getLong(2)), memberId, from, to);
        long allTime = sql.count("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = ?", memberId);
        long count = byAction.stream().mapToLong(PointsViews.ActionTotal::entries).sum();
        long points = byAction.stream().mapToLong(PointsViews.ActionTotal::points).sum();
        return new PointsViews.History(from, to, items, page, size, count, points, allTime, byAction, byDay);
    }
}
