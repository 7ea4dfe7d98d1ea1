package app.vanguard.points;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the boards are built from: the ledger read in bulk (a rebuild), and the figures every award keeps beside it
 * (the live update and the catch-up). Only entries with points > 0 and a branch count.
 */
@Singleton
public class BoardLedgerStore {

    private final Sql sql;

    public BoardLedgerStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * One member's points earned in one branch: per business day (from {@code fromDate}) when {@code date} is set,
     * or over all time when it is null; {@code reachedAtMs} is when the last of them was awarded.
     */
    public record Contribution(long memberId, String branchPath, @Nullable LocalDate date, long points, long reachedAtMs) {
    }

    /**
     * The members' figures per branch (by id) as the boards hold them: per day from {@code fromDate}, and over all
     * time (date null); kept by every award's transaction beside the ledger (points_board_day, points_board_total),
     * so the read is bounded however long a member's history. For the catch-up, outside any transaction.
     */
    @io.micronaut.data.connection.annotation.Connectable // a read, no transaction (a board only ever rises)
    public List<BranchContribution> figures(Collection<Long> memberIds, LocalDate fromDate) {
        List<BranchContribution> rows = new ArrayList<>();
        if (!memberIds.isEmpty()) {
            sql.script(List.of(figures(memberIds, fromDate, rows)));
        }
        return rows;
    }

    /**
     * {@link #figures(Collection, LocalDate)} as a step of a {@link Sql#script} (members not empty): inside an
     * award's transaction, after it raised the figures, so the rows it wrote are read as it left them.
     */
    Sql.Step figures(Collection<Long> memberIds, LocalDate fromDate, List<BranchContribution> out) {
        String in = Sql.placeholders(memberIds);
        List<Object> args = new ArrayList<>(memberIds);
        args.add(fromDate);
        args.addAll(memberIds);
        return Sql.Step.query("SELECT member_id, branch_id, business_date, points, reached_at_ms FROM points_board_day "
                + "WHERE member_id IN (" + in + ") AND business_date >= ? "
                + "UNION ALL SELECT member_id, branch_id, NULL, points, reached_at_ms FROM points_board_total "
                + "WHERE member_id IN (" + in + ")", rs -> {
                    Date date = rs.getDate(3);
                    out.add(new BranchContribution(rs.getLong(1), rs.getLong(2),
                            date == null ? null : date.toLocalDate(), rs.getLong(4), rs.getLong(5)));
                }, args.toArray());
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
        Long bound = sql.one("SELECT member_id FROM points_entry WHERE member_id > ? ORDER BY member_id "
                + "LIMIT 1 OFFSET ?", rs -> rs.getLong(1), afterMemberId, Math.max(0, rows - 1)).orElse(null);
        long upto = bound == null ? Long.MAX_VALUE : bound;
        // Entries before fromDate are summed per member and branch (d = NULL); later ones per day as well.
        String query = "SELECT member_id, branch_id, CASE WHEN business_date >= ? THEN business_date END AS d, SUM(points), "
                + "MAX(created_at_ms) FROM points_entry WHERE member_id > ? AND member_id <= ? AND points > 0 "
                + "AND branch_id IS NOT NULL GROUP BY member_id, branch_id, d ORDER BY member_id, branch_id";
        List<BranchContribution> out = new ArrayList<>();
        // Rows come ordered by member and branch: each (member, branch) run is summed into its all-time row.
        long[] current = {-1, -1};
        long[][] allTime = {null};
        sql.each(query, rs -> {
            long m = rs.getLong(1);
            long b = rs.getLong(2);
            Date d = rs.getDate(3);
            long points = rs.getLong(4);
            long reached = rs.getLong(5);
            if (m != current[0] || b != current[1]) {
                if (allTime[0] != null) {
                    out.add(new BranchContribution(current[0], current[1], null, allTime[0][0], allTime[0][1]));
                }
                current[0] = m;
                current[1] = b;
                allTime[0] = new long[2];
            }
            allTime[0][0] += points;
            allTime[0][1] = Math.max(allTime[0][1], reached);
            if (d != null) {
                out.add(new BranchContribution(m, b, d.toLocalDate(), points, reached));
            }
        }, fromDate, afterMemberId, upto);
        if (allTime[0] != null) {
            out.add(new BranchContribution(current[0], current[1], null, allTime[0][0], allTime[0][1]));
        }
        return new Page(out, upto, bound == null);
    }

    /** Members of the entries with ids in (afterId, uptoId]. */
    @Transactional(readOnly = true)
    public List<Long> membersOfEntries(long afterId, long uptoId) {
        return sql.list("SELECT DISTINCT member_id FROM points_entry WHERE id > ? AND id <= ? AND points > 0 "
                + "AND branch_id IS NOT NULL ORDER BY member_id", rs -> rs.getLong(1), afterId, uptoId);
    }

    /** The highest entry id above {@code afterId} among entries created before {@code createdBeforeMs}, or afterId. */
    @Transactional(readOnly = true)
    public long lastEntryBefore(long afterId, long createdBeforeMs) {
        Long last = sql.one("SELECT MAX(id) FROM points_entry WHERE id > ? AND created_at_ms < ?",
                rs -> {
                    long id = rs.getLong(1);
                    return rs.wasNull() ? null : id;
                }, afterId, createdBeforeMs).orElse(null);
        return last == null ? afterId : last;
    }

}
