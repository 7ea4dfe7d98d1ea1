package app.vanguard.points;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads for the points history and for naming the members and branches on boards. */
@Singleton
public class PointsQueries {

    private final JdbcOperations jdbc;

    public PointsQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A member's name and current branch. */
    public record MemberName(long id, String name, Long branchId, String branchName) {
    }

    @Connectable // one statement: no transaction (bench/: each costs 3 extra round trips)
    public Map<Long, MemberName> names(Collection<Long> memberIds) {
        Map<Long, MemberName> names = new HashMap<>();
        if (memberIds.isEmpty()) {
            return names;
        }
        String in = String.join(",", memberIds.stream().map(id -> "?").toList());
        return jdbc.prepareStatement("SELECT m.id, m.name, m.branch_id, o.name FROM member m "
                + "LEFT JOIN organisation o ON o.id = m.branch_id WHERE m.id IN (" + in + ")", ps -> {
            int i = 1;
            for (Long id : memberIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long branch = rs.getLong(3);
                    Long branchId = rs.wasNull() ? null : branch;
                    names.put(rs.getLong(1), new MemberName(rs.getLong(1), rs.getString(2), branchId, rs.getString(4)));
                }
            }
            return names;
        });
    }

    /** Enabled members per branch. */
    @Connectable
    public Map<Long, Long> enabledMembers(Collection<Long> branchIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (branchIds.isEmpty()) {
            return counts;
        }
        String in = String.join(",", branchIds.stream().map(id -> "?").toList());
        return jdbc.prepareStatement("SELECT branch_id, COUNT(*) FROM member WHERE enabled AND branch_id IN (" + in
                + ") GROUP BY branch_id", ps -> {
            int i = 1;
            for (Long id : branchIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** The member's history between the dates: one page of entries (newest first), totals, per action, per day. */
    @Transactional(readOnly = true)
    public PointsViews.History history(long memberId, LocalDate from, LocalDate to, int page, int size) {
        List<PointsViews.Entry> items = jdbc.prepareStatement("SELECT id, action, reference, requested, points, "
                + "business_date, created_at_ms FROM points_entry WHERE member_id = ? AND business_date BETWEEN ? AND ? "
                + "ORDER BY id DESC LIMIT ? OFFSET ?", ps -> {
            ps.setLong(1, memberId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            ps.setInt(4, size);
            ps.setLong(5, (long) page * size);
            List<PointsViews.Entry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int requested = rs.getInt(4);
                    int points = rs.getInt(5);
                    rows.add(new PointsViews.Entry(rs.getLong(1), PointsAction.valueOf(rs.getString(2)), rs.getString(3),
                            requested, points, points < requested, rs.getDate(6).toLocalDate(),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return rows;
        });
        List<PointsViews.ActionTotal> byAction = jdbc.prepareStatement("SELECT action, SUM(points), COUNT(*) "
                + "FROM points_entry WHERE member_id = ? AND business_date BETWEEN ? AND ? GROUP BY action ORDER BY action", ps -> {
            ps.setLong(1, memberId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            List<PointsViews.ActionTotal> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PointsViews.ActionTotal(PointsAction.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
                }
            }
            return rows;
        });
        List<PointsViews.DayTotal> byDay = jdbc.prepareStatement("SELECT business_date, SUM(points) FROM points_entry "
                + "WHERE member_id = ? AND business_date BETWEEN ? AND ? GROUP BY business_date ORDER BY business_date DESC", ps -> {
            ps.setLong(1, memberId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            List<PointsViews.DayTotal> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PointsViews.DayTotal(rs.getDate(1).toLocalDate(), rs.getLong(2)));
                }
            }
            return rows;
        });
        long allTime = jdbc.prepareStatement("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = ?", ps -> {
            ps.setLong(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        long count = byAction.stream().mapToLong(PointsViews.ActionTotal::entries).sum();
        long points = byAction.stream().mapToLong(PointsViews.ActionTotal::points).sum();
        return new PointsViews.History(from, to, items, page, size, count, points, allTime, byAction, byDay);
    }
}
