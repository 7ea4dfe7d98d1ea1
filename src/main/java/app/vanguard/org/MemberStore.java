package app.vanguard.org;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written reads of the member table beside {@link MemberRepository}, for this package and for the other
 * features (they read members only through here or {@link MemberService}). Runs on the caller's transaction or
 * connection.
 */
@Singleton
public class MemberStore {

    private final Sql sql;

    public MemberStore(Sql sql) {
        this.sql = sql;
    }

    /** Enabled members of a branch. */
    public List<Long> enabledIdsInBranch(long branchId) {
        return sql.list("SELECT id FROM member WHERE branch_id = ? AND enabled", rs -> rs.getLong(1), branchId);
    }

    /** Enabled members of a group (党小组). */
    public List<Long> enabledIdsInGroup(long groupId) {
        return sql.list("SELECT id FROM member WHERE group_id = ? AND enabled", rs -> rs.getLong(1), groupId);
    }

    /** Enabled members holding the branch's secretary or committee-member role (支委). */
    public List<Long> enabledCommitteeIds(long branchId) {
        return sql.list("SELECT DISTINCT m.id FROM member m JOIN role_assignment r ON r.member_id = m.id "
                + "WHERE r.org_id = ? AND r.role IN ('SECRETARY', 'COMMITTEE_MEMBER') AND m.enabled", rs -> rs.getLong(1),
                branchId);
    }

    /** The member's branch: empty when there is no such member, an empty inner value when they have none. */
    public Optional<Optional<Long>> branchOf(long memberId) {
        return sql.one("SELECT branch_id FROM member WHERE id = ?",
                rs -> Optional.ofNullable(Sql.nullableLong(rs, "branch_id")), memberId);
    }

    /** Enabled members counted on their branch and, separately, on their group, in the subtree. */
    Map<Long, Long> enabledCounts(String pathPrefix) {
        // Groups are not summed into branches.
        Map<Long, Long> counts = new HashMap<>();
        sql.list("SELECT m.branch_id, COUNT(*) FROM member m JOIN organisation o ON o.id = m.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND m.enabled GROUP BY m.branch_id "
                + "UNION ALL SELECT m.group_id, COUNT(*) FROM member m JOIN organisation o ON o.id = m.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND m.enabled AND m.group_id IS NOT NULL GROUP BY m.group_id",
                rs -> counts.put(rs.getLong(1), rs.getLong(2)), pathPrefix, pathPrefix);
        return counts;
    }
}
