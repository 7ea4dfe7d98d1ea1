package app.vanguard.coverage;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-written SQL of the enterprise register beside {@link EnterpriseRepository}. Subtrees arrive as the ids of
 * their organisations (read through the org package), never by joining its tables. Runs on the caller's transaction.
 */
@Singleton
public class EnterpriseStore {

    private final Sql sql;

    public EnterpriseStore(Sql sql) {
        this.sql = sql;
    }

    /** The survey figures of one enterprise, enough to count coverage. */
    record Counted(long id, long orgId, String district, EnterpriseKind kind, OrganisedAs organisedAs, int members,
                   boolean instructor) {
    }

    private static String in(Collection<?> ids) {
        return String.join(",", ids.stream().map(x -> "?").toList());
    }

    /** Enterprises registered on the organisations, with optional filters, one page ordered by id. */
    List<Long> pageIds(Collection<Long> orgIds, @Nullable EnterpriseKind kind, @Nullable String district,
                       @Nullable OrganisedAs organisedAs, int limit, long offset) {
        List<Object> args = new ArrayList<>(orgIds);
        String where = filter(kind, district, organisedAs, args);
        args.add(limit);
        args.add(offset);
        return sql.list("SELECT id FROM enterprise WHERE org_id IN (" + in(orgIds) + ")" + where
                + " ORDER BY id LIMIT ? OFFSET ?", rs -> rs.getLong(1), args.toArray());
    }

    long count(Collection<Long> orgIds, @Nullable EnterpriseKind kind, @Nullable String district,
               @Nullable OrganisedAs organisedAs) {
        List<Object> args = new ArrayList<>(orgIds);
        String where = filter(kind, district, organisedAs, args);
        return sql.count("SELECT COUNT(*) FROM enterprise WHERE org_id IN (" + in(orgIds) + ")" + where, args.toArray());
    }

    private static String filter(@Nullable EnterpriseKind kind, @Nullable String district,
                                 @Nullable OrganisedAs organisedAs, List<Object> args) {
        StringBuilder where = new StringBuilder();
        if (kind != null) {
            where.append(" AND kind = ?");
            args.add(kind);
        }
        if (district != null) {
            where.append(" AND district = ?");
            args.add(district);
        }
        if (organisedAs != null) {
            where.append(" AND organised_as = ?");
            args.add(organisedAs);
        }
        return where.toString();
    }

    List<Counted> counted(Collection<Long> orgIds) {
        return sql.list("SELECT id, org_id, district, kind, organised_as, full_members + probationary_members, "
                + "instructor_name IS NOT NULL FROM enterprise WHERE org_id IN (" + in(orgIds) + ")",
                rs -> new Counted(rs.getLong(1), rs.getLong(2), rs.getString(3), EnterpriseKind.valueOf(rs.getString(4)),
                        OrganisedAs.valueOf(rs.getString(5)), rs.getInt(6), rs.getBoolean(7)), orgIds.toArray());
    }

    /** Enterprises due an own branch (3+ full members, not OWN), the longest due first. */
    List<CoverageViews.OwnBranchDue> ownBranchDue(Collection<Long> orgIds, LocalDate today) {
        return sql.list("SELECT id, org_id, name, credit_code, kind, district, full_members, organised_as, "
                + "own_branch_due_since FROM enterprise WHERE org_id IN (" + in(orgIds) + ") "
                + "AND own_branch_due_since IS NOT NULL ORDER BY own_branch_due_since, id", rs -> {
            LocalDate since = rs.getDate(9).toLocalDate();
            return new CoverageViews.OwnBranchDue(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                    EnterpriseKind.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7),
                    OrganisedAs.valueOf(rs.getString(8)), since,
                    java.time.temporal.ChronoUnit.DAYS.between(since, today));
        }, orgIds.toArray());
    }

    /** Which of the codes are already registered (to another enterprise than {@code exceptId}). */
    Set<String> creditCodesTaken(Collection<String> codes, @Nullable Long exceptId) {
        Set<String> taken = new HashSet<>();
        if (codes.isEmpty()) {
            return taken;
        }
        List<Object> args = new ArrayList<>(codes);
        args.add(exceptId == null ? 0L : exceptId);
        sql.each("SELECT credit_code FROM enterprise WHERE credit_code IN (" + in(codes) + ") AND id <> ?",
                rs -> taken.add(rs.getString(1)), args.toArray());
        return taken;
    }

    /** Enterprises whose Party work the branch covers. */
    List<Long> coveredBy(long branchId) {
        return sql.list("SELECT id FROM enterprise WHERE branch_id = ? ORDER BY id", rs -> rs.getLong(1), branchId);
    }

    // ---- members working in an enterprise ----

    List<Long> memberIds(long enterpriseId) {
        return sql.list("SELECT member_id FROM enterprise_member WHERE enterprise_id = ? ORDER BY member_id",
                rs -> rs.getLong(1), enterpriseId);
    }

    /** Links the member to the enterprise (moving them from any other). */
    void link(long enterpriseId, long memberId, Instant at) {
        sql.update("INSERT INTO enterprise_member (member_id, enterprise_id, linked_at) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE enterprise_id = VALUES(enterprise_id), linked_at = VALUES(linked_at)",
                memberId, enterpriseId, at);
    }

    int unlink(long enterpriseId, long memberId) {
        return sql.update("DELETE FROM enterprise_member WHERE enterprise_id = ? AND member_id = ?", enterpriseId,
                memberId);
    }

    /** The enterprise a member works in, if linked. */
    public java.util.Optional<Long> enterpriseOf(long memberId) {
        return sql.one("SELECT enterprise_id FROM enterprise_member WHERE member_id = ?", rs -> rs.getLong(1), memberId);
    }
}
