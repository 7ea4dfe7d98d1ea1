package app.vanguard.identity;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written SQL of identity declarations (亮身份) beside the Micronaut Data repositories in
 * {@link IdentityRepositories}: the finding drive's figures per branch. Runs on the caller's transaction.
 */
@Singleton
public class IdentityStore {

    private final Sql sql;

    public IdentityStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * Per branch of the subtree: {received, verified, rejected, mobile found, badges active}; the declaration
     * counts over events in [fromMs, toMs), the badges active on {@code asOf} and granted before {@code asOfEndMs}.
     */
    Map<Long, long[]> figuresByBranch(Collection<Long> branchIds, long fromMs, long toMs, LocalDate asOf, long asOfEndMs) {
        Map<Long, long[]> byBranch = new HashMap<>();
        if (branchIds.isEmpty()) {
            return byBranch;
        }
        String in = Sql.placeholders(branchIds);
        List<Object> args = new ArrayList<>(branchIds);
        args.addAll(List.of(fromMs, toMs));
        sql.each("SELECT e.branch_id, "
                + "SUM(e.action = 'SUBMITTED'), SUM(e.action = 'VERIFIED'), SUM(e.action = 'REJECTED'), "
                + "SUM(e.action = 'VERIFIED' AND e.mobile) "
                + "FROM declaration_event e WHERE e.branch_id IN (" + in + ") AND e.at_ms >= ? AND e.at_ms < ? "
                + "GROUP BY e.branch_id", rs -> {
            long[] f = byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5]);
            for (int i = 0; i < 4; i++) {
                f[i] = rs.getLong(i + 2);
            }
        }, args.toArray());
        List<Object> badgeArgs = new ArrayList<>(branchIds);
        badgeArgs.addAll(List.of(asOf, asOf, asOfEndMs, asOfEndMs));
        sql.each("SELECT b.branch_id, COUNT(*) FROM badge b WHERE b.branch_id IN (" + in + ") "
                + "AND b.valid_from <= ? AND b.valid_until >= ? "
                + "AND b.granted_at_ms < ? AND (b.revoked_at_ms IS NULL OR b.revoked_at_ms >= ?) GROUP BY b.branch_id",
                rs -> byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5])[4] = rs.getLong(2),
                badgeArgs.toArray());
        return byBranch;
    }

    // ---- reminders ----

    /** A member's commitment or badge a reminder is about. */
    record Due(long id, long memberId, long branchId, String text, java.time.LocalDate until) {
    }

    /** Commitments of verified declarations with no review for {@code year}, not fulfilled by the member. */
    java.util.List<Due> commitmentsDueForReview(int year) {
        return sql.list("SELECT c.id, c.member_id, c.branch_id, c.content FROM commitment c "
                + "JOIN declaration d ON d.id = c.declaration_id AND d.state = 'VERIFIED' "
                + "LEFT JOIN commitment_review r ON r.commitment_id = c.id AND r.review_year = ? "
                + "WHERE r.id IS NULL ORDER BY c.id", rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getString(4), null), year);
    }

    /** Badges not revoked whose last valid day is in [from, to]. */
    java.util.List<Due> badgesExpiring(java.time.LocalDate from, java.time.LocalDate to) {
        return sql.list("SELECT id, member_id, branch_id, title, valid_until FROM badge WHERE revoked_at_ms IS NULL "
                + "AND valid_until >= ? AND valid_until <= ? ORDER BY id", rs -> new Due(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getString(4), rs.getDate(5).toLocalDate()), from, to);
    }

    /** A member's commitment (of a verified declaration) with its review for a year, if any. */
    public record CommitmentOfYear(long id, String content, String status, String note, String verdict,
                                   String reviewComment) {
    }

    /** The member's commitments of verified declarations, in declaration order, with each one's review of the year. */
    public List<CommitmentOfYear> commitmentsOf(long memberId, int year) {
        return sql.list("SELECT c.id, c.content, c.status, c.note, r.verdict, r.comment FROM commitment c "
                + "JOIN declaration d ON d.id = c.declaration_id AND d.state = 'VERIFIED' "
                + "LEFT JOIN commitment_review r ON r.commitment_id = c.id AND r.review_year = ? "
                + "WHERE c.member_id = ? ORDER BY c.declaration_id, c.position_no", rs -> new CommitmentOfYear(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                year, memberId);
    }
}
