package app.vanguard.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the boards are built from: the ledger, read in bulk. Only entries with points > 0 and a branch count. */
@Singleton
public class BoardLedgerQueries {

    private final JdbcOperations jdbc;

    public BoardLedgerQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One member's points earned in one branch: per business day (from {@code fromDate}) when {@code date} is set,
     * or over all time when it is null; {@code reachedAtMs} is when the last of them was awarded.
     */
    public record Contribution(long memberId, String branchPath, @Nullable LocalDate date, long points, long reachedAtMs) {
    }

    /** The members' contributions, limited to branches under {@code subtreePath} when it is given. */
    @Transactional(readOnly = true)
    public List<Contribution> contributions(Collection<Long> memberIds, LocalDate fromDate, @Nullable String subtreePath) {
        List<Contribution> rows = new ArrayList<>();
        if (memberIds.isEmpty()) {
            return rows;
        }
        String in = String.join(",", memberIds.stream().map(id -> "?").toList());
        String subtree = subtreePath == null ? "" : " AND o.path LIKE CONCAT(?, '%')";
        String daily = "SELECT e.member_id, o.path, e.business_date, SUM(e.points), MAX(e.created_at_ms) "
                + "FROM points_entry e JOIN organisation o ON o.id = e.branch_id "
                + "WHERE e.member_id IN (" + in + ") AND e.points > 0 AND e.business_date >= ?" + subtree
                + " GROUP BY e.member_id, o.path, e.business_date";
        String allTime = "SELECT e.member_id, o.path, SUM(e.points), MAX(e.created_at_ms) "
                + "FROM points_entry e JOIN organisation o ON o.id = e.branch_id "
                + "WHERE e.member_id IN (" + in + ") AND e.points > 0" + subtree
                + " GROUP BY e.member_id, o.path";
        jdbc.prepareStatement(daily, ps -> {
            int i = bind(ps, memberIds);
            ps.setDate(i++, Date.valueOf(fromDate));
            if (subtreePath != null) {
                ps.setString(i, subtreePath);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Contribution(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
            return null;
        });
        jdbc.prepareStatement(allTime, ps -> {
            int i = bind(ps, memberIds);
            if (subtreePath != null) {
                ps.setString(i, subtreePath);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Contribution(rs.getLong(1), rs.getString(2), null, rs.getLong(3), rs.getLong(4)));
                }
            }
            return null;
        });
        return rows;
    }

    /**
     * Ids of members with points (in branches under {@code subtreePath}) above {@code afterId}, in order, read from
     * at most {@code rows} ledger rows: a walk of the (member_id, ...) index that stops at the limit, never a sort of
     * the whole ledger. Empty when there are no more.
     */
    @Transactional(readOnly = true)
    public List<Long> membersWithPoints(long afterId, int rows, @Nullable String subtreePath) {
        String sql = subtreePath == null
                ? "SELECT member_id FROM points_entry WHERE member_id > ? AND points > 0 AND branch_id IS NOT NULL "
                + "ORDER BY member_id LIMIT ?"
                : "SELECT STRAIGHT_JOIN e.member_id FROM points_entry e JOIN organisation o ON o.id = e.branch_id "
                + "WHERE e.member_id > ? AND e.points > 0 AND o.path LIKE CONCAT(?, '%') ORDER BY e.member_id LIMIT ?";
        List<Long> ids = jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, afterId);
            if (subtreePath == null) {
                ps.setInt(2, rows);
            } else {
                ps.setString(2, subtreePath);
                ps.setInt(3, rows);
            }
            return ids(ps);
        });
        return ids.stream().distinct().toList();
    }

    /** Members of the entries with ids in (afterId, uptoId]. */
    @Transactional(readOnly = true)
    public List<Long> membersOfEntries(long afterId, long uptoId) {
        return jdbc.prepareStatement("SELECT DISTINCT member_id FROM points_entry WHERE id > ? AND id <= ? AND points > 0 "
                + "AND branch_id IS NOT NULL ORDER BY member_id", ps -> {
            ps.setLong(1, afterId);
            ps.setLong(2, uptoId);
            return ids(ps);
        });
    }

    /** The highest entry id above {@code afterId} among entries created before {@code createdBeforeMs}, or afterId. */
    @Transactional(readOnly = true)
    public long lastEntryBefore(long afterId, long createdBeforeMs) {
        return jdbc.prepareStatement("SELECT MAX(id) FROM points_entry WHERE id > ? AND created_at_ms < ?", ps -> {
            ps.setLong(1, afterId);
            ps.setLong(2, createdBeforeMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? afterId : id;
            }
        });
    }

    private static int bind(PreparedStatement ps, Collection<Long> ids) throws SQLException {
        int i = 1;
        for (Long id : ids) {
            ps.setLong(i++, id);
        }
        return i;
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
