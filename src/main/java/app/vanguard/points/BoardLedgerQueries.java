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

    /** One member's points earned in one branch (by id): per business day, or over all time when date is null. */
    public record BranchContribution(long memberId, long branchId, @Nullable LocalDate date, long points, long reachedAtMs) {
    }

    /**
     * A page of the ledger for a rebuild: the contributions of every member with id in (afterMemberId, lastMemberId],
     * for all time and per day from {@code fromDate}; {@code last} when no member follows.
     */
    public record Page(List<BranchContribution> rows, long lastMemberId, boolean last) {
    }

    /**
     * The next page of the ledger after member {@code afterMemberId}: about {@code rows} entries, always whole
     * members (a member's entries never straddle two pages). Two range reads of the (member_id, ...) indexes, no
     * sort of the ledger and no join; the caller maps branches to organisations. Memory stays bounded by the page.
     */
    @Transactional(readOnly = true)
    public Page page(long afterMemberId, int rows, LocalDate fromDate) {
        // The member at the rows-th entry bounds the page (all of their entries are in it); none: the rest is the page.
        Long bound = jdbc.prepareStatement("SELECT member_id FROM points_entry WHERE member_id > ? ORDER BY member_id "
                + "LIMIT 1 OFFSET ?", ps -> {
            ps.setLong(1, afterMemberId);
            ps.setInt(2, Math.max(0, rows - 1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        });
        long upto = bound == null ? Long.MAX_VALUE : bound;
        // Entries before fromDate are summed per member and branch (d = NULL); later ones per day as well.
        String sql = "SELECT member_id, branch_id, CASE WHEN business_date >= ? THEN business_date END AS d, SUM(points), "
                + "MAX(created_at_ms) FROM points_entry WHERE member_id > ? AND member_id <= ? AND points > 0 "
                + "AND branch_id IS NOT NULL GROUP BY member_id, branch_id, d ORDER BY member_id, branch_id";
        List<BranchContribution> out = new ArrayList<>();
        jdbc.prepareStatement(sql, ps -> {
            ps.setDate(1, Date.valueOf(fromDate));
            ps.setLong(2, afterMemberId);
            ps.setLong(3, upto);
            try (ResultSet rs = ps.executeQuery()) {
                long member = -1;
                long branch = -1;
                long[] allTime = null;
                while (rs.next()) {
                    long m = rs.getLong(1);
                    long b = rs.getLong(2);
                    Date d = rs.getDate(3);
                    long points = rs.getLong(4);
                    long reached = rs.getLong(5);
                    if (m != member || b != branch) {
                        if (allTime != null) {
                            out.add(new BranchContribution(member, branch, null, allTime[0], allTime[1]));
                        }
                        member = m;
                        branch = b;
                        allTime = new long[2];
                    }
                    allTime[0] += points;
                    allTime[1] = Math.max(allTime[1], reached);
                    if (d != null) {
                        out.add(new BranchContribution(m, b, d.toLocalDate(), points, reached));
                    }
                }
                if (allTime != null) {
                    out.add(new BranchContribution(member, branch, null, allTime[0], allTime[1]));
                }
            }
            return null;
        });
        return new Page(out, upto, bound == null);
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
