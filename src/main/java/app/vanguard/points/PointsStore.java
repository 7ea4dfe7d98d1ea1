package app.vanguard.points;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    // ---- awards (PointsLedger's transaction): a constant number of statements for any number of awards ----

    /** A member's running total of one action on one day: the row the daily cap is kept in. */
    record DayKey(long memberId, PointsAction action) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = Long.compare(memberId, o.memberId);
            return c != 0 ? c : action.name().compareTo(o.action.name());
        }
    }

    /** The ledger's unique key. */
    record EntryKey(long memberId, PointsAction action, String reference) {
    }

    /**
     * Makes sure the day's running totals exist and locks them (an INSERT ... ON DUPLICATE KEY UPDATE locks each row,
     * in key order, so two batches never wait on each other in a cycle), then reads them under the lock into
     * {@code totals}: two statements for {@link Sql#script}.
     */
    List<Sql.Step> lockDailyTotals(Collection<DayKey> keys, LocalDate day, Map<DayKey, Integer> totals) {
        List<DayKey> sorted = keys.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>(sorted.size());
        List<Object> args = new ArrayList<>(1 + sorted.size() * 2);
        args.add(day);
        for (DayKey k : sorted) {
            rows.add(new Object[] {k.memberId(), k.action(), day, 0});
            args.add(k.memberId());
            args.add(k.action());
        }
        return List.of(
                Sql.Step.insertRows("INSERT INTO points_daily_total (member_id, action, business_date, total) VALUES",
                        rows, "ON DUPLICATE KEY UPDATE total = total"),
                Sql.Step.query("SELECT member_id, action, total FROM points_daily_total WHERE business_date = ? AND ("
                        + String.join(" OR ", java.util.Collections.nCopies(sorted.size(),
                        "(member_id = ? AND action = ?)")) + ") FOR UPDATE",
                        rs -> totals.put(new DayKey(rs.getLong(1), PointsAction.valueOf(rs.getString(2))),
                                rs.getInt(3)), args.toArray()));
    }

    /**
     * The entries already recorded under these keys. {@code locking} reads the latest commits with a shared lock
     * (inside an award, after the daily totals are locked); otherwise a plain read.
     */
    Map<EntryKey, PointsLedger.Recorded> find(Collection<EntryKey> keys, boolean locking) {
        Map<EntryKey, PointsLedger.Recorded> found = new HashMap<>();
        if (!keys.isEmpty()) {
            sql.script(List.of(find(keys, locking, found)));
        }
        return found;
    }

    /** {@link #find(Collection, boolean)} as a step of a {@link Sql#script} (keys not empty). */
    Sql.Step find(Collection<EntryKey> keys, boolean locking, Map<EntryKey, PointsLedger.Recorded> found) {
        List<Object> args = new ArrayList<>(keys.size() * 3);
        for (EntryKey k : keys) {
            args.add(k.memberId());
            args.add(k.action());
            args.add(k.reference());
        }
        return Sql.Step.query("SELECT id, requested, points, business_date, branch_id, created_at_ms, member_id, "
                + "action, reference FROM points_entry WHERE " + String.join(" OR ", java.util.Collections.nCopies(
                keys.size(), "(member_id = ? AND action = ? AND reference = ?)"))
                + (locking ? " LOCK IN SHARE MODE" : ""), rs -> {
            int requested = rs.getInt(2);
            int points = rs.getInt(3);
            Long branchId = Sql.nullableLong(rs, "branch_id");
            long memberId = rs.getLong(7);
            PointsAction action = PointsAction.valueOf(rs.getString(8));
            String reference = rs.getString(9);
            found.put(new EntryKey(memberId, action, reference), new PointsLedger.Recorded(new PointsAward(
                    rs.getLong(1), memberId, action, reference, requested, points, points < requested, true,
                    rs.getDate(4).toLocalDate()), branchId, rs.getLong(6)));
        }, args.toArray());
    }

    /** A new entry. */
    record NewEntry(long memberId, Long branchId, PointsAction action, String reference, int requested, int points) {
    }

    /**
     * Inserts the entries (not empty) in one statement, a step of a {@link Sql#script}: a unique key refusing any of
     * them fails the script with {@link Sql.Duplicate} and inserts none. Their ids are read back with {@link #find}.
     */
    Sql.Step insert(List<NewEntry> entries, LocalDate day, long createdAtMs) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (NewEntry e : entries) {
            rows.add(new Object[] {e.memberId(), e.branchId(), e.action(), e.reference(), e.requested(), e.points(),
                    day, createdAtMs});
        }
        return Sql.Step.insertRows("INSERT INTO points_entry (member_id, branch_id, action, reference, requested, "
                + "points, business_date, created_at_ms) VALUES", rows, "");
    }

    /** Adds the granted points to the (locked) running totals in one statement; none when nothing was granted. */
    List<Sql.Step> addToDailyTotals(Map<DayKey, Integer> granted, LocalDate day) {
        List<Object[]> rows = new ArrayList<>();
        granted.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(new Object[] {e.getKey().memberId(), e.getKey().action(), day, e.getValue()}));
        if (rows.isEmpty()) {
            return List.of();
        }
        return List.of(Sql.Step.insertRows("INSERT INTO points_daily_total (member_id, action, business_date, total) "
                + "VALUES", rows, "ON DUPLICATE KEY UPDATE total = total + VALUES(total)"));
    }

    /**
     * Adds the new entries' points to the boards' figures (points_board_day, points_board_total; see V104): two
     * statements for {@link Sql#script}, rows in key order so two batches never wait on each other in a cycle; none
     * when no entry has points and a branch. Each row is locked until the commit, so awards of one member serialise
     * here and the figures read after this in the same transaction include every committed award.
     */
    List<Sql.Step> addToBoardFigures(List<NewEntry> entries, LocalDate day, long atMs) {
        java.util.TreeMap<List<Long>, Long> byBranch = new java.util.TreeMap<>(
                java.util.Comparator.<List<Long>>comparingLong(k -> k.get(0)).thenComparingLong(k -> k.get(1)));
        for (NewEntry e : entries) {
            if (e.points() > 0 && e.branchId() != null) {
                byBranch.merge(List.of(e.memberId(), e.branchId()), (long) e.points(), Long::sum);
            }
        }
        if (byBranch.isEmpty()) {
            return List.of();
        }
        List<Object[]> days = new ArrayList<>(byBranch.size());
        List<Object[]> totals = new ArrayList<>(byBranch.size());
        byBranch.forEach((key, points) -> {
            days.add(new Object[] {key.get(0), day, key.get(1), points, atMs});
            totals.add(new Object[] {key.get(0), key.get(1), points, atMs});
        });
        String raise = "ON DUPLICATE KEY UPDATE points = points + VALUES(points), "
                + "reached_at_ms = GREATEST(reached_at_ms, VALUES(reached_at_ms))";
        return List.of(
                Sql.Step.insertRows("INSERT INTO points_board_day (member_id, business_date, branch_id, points, "
                        + "reached_at_ms) VALUES", days, raise),
                Sql.Step.insertRows("INSERT INTO points_board_total (member_id, branch_id, points, reached_at_ms) "
                        + "VALUES", totals, raise));
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
