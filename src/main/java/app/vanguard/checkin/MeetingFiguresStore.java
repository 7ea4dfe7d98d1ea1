package app.vanguard.checkin;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check-in figures other features read (study hours, a member's year, the committee's dashboard): attendance per
 * member and meeting type over closed meetings. Runs on the caller's transaction or connection.
 */
@Singleton
public class MeetingFiguresStore {

    private final Sql sql;

    public MeetingFiguresStore(Sql sql) {
        this.sql = sql;
    }

    /** A member's outcomes at closed meetings of one type: expected (not on leave), attended (present or late). */
    public record TypeCounts(int expected, int attended, int onLeave) {
    }

    /**
     * Per member, per meeting type: their outcomes at the closed meetings starting in [from, to) they were expected
     * at (whichever branch held them).
     */
    public Map<Long, Map<MeetingType, TypeCounts>> attendanceByType(Collection<Long> memberIds, Instant from, Instant to) {
        Map<Long, Map<MeetingType, TypeCounts>> out = new HashMap<>();
        List<Long> all = List.copyOf(memberIds);
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            List<Object> args = new ArrayList<>(part);
            args.add(from);
            args.add(to);
            sql.each("SELECT a.member_id, m.type, SUM(a.status <> 'ON_LEAVE'), SUM(a.status IN ('PRESENT', 'LATE')), "
                    + "SUM(a.status = 'ON_LEAVE') FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id "
                    + "WHERE a.member_id IN (" + Sql.placeholders(part) + ") AND m.status = 'CLOSED' AND " + MeetingStore.HELD
                    + " AND m.starts_at >= ? AND m.starts_at < ? GROUP BY a.member_id, m.type", rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(MeetingType.class))
                            .put(MeetingType.valueOf(rs.getString(2)), new TypeCounts(rs.getInt(3), rs.getInt(4),
                                    rs.getInt(5))), args.toArray());
        }
        return out;
    }

    /**
     * Per branch of the list: meetings held in [from, to) (closed, and attended by code or with minutes: the rule
     * compliance uses, {@code MeetingStore.HELD}) and, over them, {attended, counted (not on leave)}.
     */
    public Map<Long, int[]> heldAndAttendance(Collection<Long> branchIds, Instant from, Instant to) {
        Map<Long, int[]> out = new HashMap<>();
        List<Long> all = List.copyOf(branchIds);
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            List<Object> args = new ArrayList<>(part);
            args.add(from);
            args.add(to);
            sql.each("SELECT m.branch_id, COUNT(*) FROM meeting m WHERE m.branch_id IN (" + Sql.placeholders(part)
                    + ") AND m.status = 'CLOSED' AND " + MeetingStore.HELD + " AND m.starts_at >= ? AND m.starts_at < ? "
                    + "GROUP BY m.branch_id",
                    rs -> out.computeIfAbsent(rs.getLong(1), k -> new int[3])[0] = rs.getInt(2), args.toArray());
            sql.each("SELECT m.branch_id, SUM(a.status IN ('PRESENT', 'LATE')), SUM(a.status <> 'ON_LEAVE') "
                    + "FROM meeting m JOIN meeting_attendance a ON a.meeting_id = m.id WHERE m.branch_id IN ("
                    + Sql.placeholders(part) + ") AND m.status = 'CLOSED' AND " + MeetingStore.HELD
                    + " AND m.starts_at >= ? AND m.starts_at < ? GROUP BY m.branch_id", rs -> {
                int[] f = out.computeIfAbsent(rs.getLong(1), k -> new int[3]);
                f[1] = rs.getInt(2);
                f[2] = rs.getInt(3);
            }, args.toArray());
        }
        return out;
    }

    /**
     * Per branch: {planned, held as planned} over the annual-plan items of the months {@code fromMonth}..{@code
     * toMonth}; an item is held when a closed meeting of its type started in its month (each meeting matches once).
     */
    public Map<Long, int[]> planKept(Collection<Long> branchIds, java.time.YearMonth fromMonth, java.time.YearMonth toMonth) {
        Map<Long, int[]> out = new HashMap<>();
        List<Long> all = List.copyOf(branchIds);
        int fromKey = fromMonth.getYear() * 100 + fromMonth.getMonthValue();
        int toKey = toMonth.getYear() * 100 + toMonth.getMonthValue();
        Instant from = fromMonth.atDay(1).atStartOfDay(app.vanguard.shared.BusinessTime.ZONE).toInstant();
        Instant to = toMonth.plusMonths(1).atDay(1).atStartOfDay(app.vanguard.shared.BusinessTime.ZONE).toInstant();
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            // planned items per branch, type and month; held meetings per branch, type and month
            Map<String, int[]> cells = new HashMap<>();
            List<Object> args = new ArrayList<>(part);
            args.add(fromKey);
            args.add(toKey);
            sql.each("SELECT branch_id, type, plan_year * 100 + month, COUNT(*) FROM meeting_plan_item WHERE branch_id IN ("
                    + Sql.placeholders(part) + ") AND plan_year * 100 + month BETWEEN ? AND ? "
                    + "GROUP BY branch_id, type, plan_year * 100 + month", rs -> cells.computeIfAbsent(rs.getLong(1)
                    + "/" + rs.getString(2) + "/" + rs.getInt(3), k -> new int[2])[0] = rs.getInt(4), args.toArray());
            if (cells.isEmpty()) {
                continue;
            }
            List<Object> heldArgs = new ArrayList<>(part);
            heldArgs.add(from);
            heldArgs.add(to);
            sql.each("SELECT m.branch_id, m.type, m.starts_at FROM meeting m WHERE m.branch_id IN ("
                    + Sql.placeholders(part) + ") AND m.status = 'CLOSED' AND " + MeetingStore.HELD
                    + " AND m.starts_at >= ? AND m.starts_at < ?", rs -> {
                java.time.YearMonth month = java.time.YearMonth.from(rs.getTimestamp(3).toInstant()
                        .atZone(app.vanguard.shared.BusinessTime.ZONE));
                int[] cell = cells.get(rs.getLong(1) + "/" + rs.getString(2) + "/"
                        + (month.getYear() * 100 + month.getMonthValue()));
                if (cell != null) {
                    cell[1]++;
                }
            }, heldArgs.toArray());
            cells.forEach((key, cell) -> {
                int[] f = out.computeIfAbsent(Long.valueOf(key.substring(0, key.indexOf('/'))), k -> new int[2]);
                f[0] += cell[0];
                f[1] += Math.min(cell[0], cell[1]);
            });
        }
        return out;
    }
}
