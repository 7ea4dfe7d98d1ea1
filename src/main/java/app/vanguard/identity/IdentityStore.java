package app.vanguard.identity;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.HashMap;
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
    Map<Long, long[]> figuresByBranch(String pathPrefix, long fromMs, long toMs, LocalDate asOf, long asOfEndMs) {
        Map<Long, long[]> byBranch = new HashMap<>();
        sql.each("SELECT e.branch_id, "
                + "SUM(e.action = 'SUBMITTED'), SUM(e.action = 'VERIFIED'), SUM(e.action = 'REJECTED'), "
                + "SUM(e.action = 'VERIFIED' AND e.mobile) "
                + "FROM declaration_event e JOIN organisation o ON o.id = e.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND e.at_ms >= ? AND e.at_ms < ? GROUP BY e.branch_id", rs -> {
            long[] f = byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5]);
            for (int i = 0; i < 4; i++) {
                f[i] = rs.getLong(i + 2);
            }
        }, pathPrefix, fromMs, toMs);
        sql.each("SELECT b.branch_id, COUNT(*) FROM badge b JOIN organisation o ON o.id = b.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND b.valid_from <= ? AND b.valid_until >= ? "
                + "AND b.granted_at_ms < ? AND (b.revoked_at_ms IS NULL OR b.revoked_at_ms >= ?) GROUP BY b.branch_id",
                rs -> byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5])[4] = rs.getLong(2),
                pathPrefix, asOf, asOf, asOfEndMs, asOfEndMs);
        return byBranch;
    }
}
