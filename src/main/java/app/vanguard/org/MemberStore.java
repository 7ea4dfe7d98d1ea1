package app.vanguard.org;

import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.util.Collection;
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

    /** Enabled members of every branch in the subtree whose path starts with {@code pathPrefix}. */
    public List<Long> enabledIdsInSubtree(String pathPrefix) {
        return sql.list("SELECT m.id FROM member m JOIN organisation o ON o.id = m.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND m.enabled", rs -> rs.getLong(1), pathPrefix);
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

    /**
     * A column expression for a member's name that other features' statements may select (a primary-key lookup in
     * org's table, in the same statement): e.g. {@code "SELECT a.member_id, " + nameOf("a.member_id") + " FROM ..."}.
     * Used where a separate {@link #names} call would add a statement to a hot path.
     */
    public static String nameOf(String memberIdColumn) {
        return "(SELECT name FROM member WHERE id = " + memberIdColumn + ")";
    }

    /** The enabled members of a branch with their names, by name. */
    public List<MemberName> enabledRoster(long branchId) {
        return sql.list("SELECT m.id, m.name, m.branch_id, o.name FROM member m JOIN organisation o ON o.id = m.branch_id "
                + "WHERE m.branch_id = ? AND m.enabled ORDER BY m.name, m.id",
                rs -> new MemberName(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)), branchId);
    }

    /** The enabled members of the branches with their names, by branch and name (other features' per-branch figures). */
    public List<MemberName> enabledRosters(Collection<Long> branchIds) {
        List<MemberName> out = new java.util.ArrayList<>();
        List<Long> ids = List.copyOf(branchIds);
        for (int i = 0; i < ids.size(); i += 1000) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            out.addAll(sql.list("SELECT m.id, m.name, m.branch_id, o.name FROM member m JOIN organisation o "
                    + "ON o.id = m.branch_id WHERE m.branch_id IN (" + Sql.placeholders(chunk) + ") AND m.enabled "
                    + "ORDER BY m.branch_id, m.name, m.id",
                    rs -> new MemberName(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)), chunk.toArray()));
        }
        return out;
    }

    /** Enabled members of the branch by normalised phone (imports that name members by phone). */
    public Map<String, Long> enabledIdsByPhone(long branchId, Collection<String> phones) {
        Map<String, Long> ids = new HashMap<>();
        if (phones.isEmpty()) {
            return ids;
        }
        List<Object> args = new java.util.ArrayList<>();
        args.add(branchId);
        args.addAll(phones);
        sql.each("SELECT phone, id FROM member WHERE branch_id = ? AND enabled AND phone IN (" + Sql.placeholders(phones)
                + ")", rs -> ids.put(rs.getString(1), rs.getLong(2)), args.toArray());
        return ids;
    }

    /** The enabled members holding the SECRETARY role of each branch (the secretary's Party lesson rule). */
    public Map<Long, java.util.Set<Long>> secretaries(Collection<Long> branchIds) {
        Map<Long, java.util.Set<Long>> out = new HashMap<>();
        if (branchIds.isEmpty()) {
            return out;
        }
        sql.each("SELECT r.org_id, m.id FROM role_assignment r JOIN member m ON m.id = r.member_id "
                + "WHERE r.role = 'SECRETARY' AND m.enabled AND r.org_id IN (" + Sql.placeholders(branchIds) + ")",
                rs -> out.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2)),
                branchIds.toArray());
        return out;
    }

    /** The member's branch: empty when there is no such member, an empty inner value when they have none. */
    public Optional<Optional<Long>> branchOf(long memberId) {
        return sql.one("SELECT branch_id FROM member WHERE id = ?",
                rs -> Optional.ofNullable(Sql.nullableLong(rs, "branch_id")), memberId);
    }

    /** Each member's branch (null when they have none); members that do not exist are left out. One statement. */
    public Map<Long, Long> branchesOf(Collection<Long> memberIds) {
        Map<Long, Long> branches = new HashMap<>();
        if (!memberIds.isEmpty()) {
            sql.script(List.of(branchesOf(memberIds, branches)));
        }
        return branches;
    }

    /** {@link #branchesOf(Collection)} as a step of another feature's {@link Sql#script} (ids not empty). */
    public Sql.Step branchesOf(Collection<Long> memberIds, Map<Long, Long> branches) {
        return Sql.Step.query("SELECT id, branch_id FROM member WHERE id IN (" + Sql.placeholders(memberIds) + ")",
                rs -> branches.put(rs.getLong(1), Sql.nullableLong(rs, "branch_id")), memberIds.toArray());
    }

    /**
     * {@link #branchesOf(Collection, Map)} with the members' rows locked until the caller's transaction ends (in id
     * order, so two callers never wait on each other in a cycle): points awards lock their members first, so one
     * member's awards run one after another (bench/, issue 17).
     */
    public Sql.Step lockBranchesOf(Collection<Long> memberIds, Map<Long, Long> branches) {
        return Sql.Step.query("SELECT id, branch_id FROM member WHERE id IN (" + Sql.placeholders(memberIds)
                        + ") ORDER BY id FOR UPDATE", rs -> branches.put(rs.getLong(1), Sql.nullableLong(rs, "branch_id")),
                memberIds.toArray());
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

    /** A member's name and current branch. */
    public record MemberName(long id, String name, Long branchId, String branchName) {
    }

    /** Names and branches of the members, by id (one statement, no transaction). */
    @Connectable // one statement: no transaction (bench/: each costs 3 extra round trips)
    public Map<Long, MemberName> names(Collection<Long> memberIds) {
        Map<Long, MemberName> names = new HashMap<>();
        if (memberIds.isEmpty()) {
            return names;
        }
        String in = String.join(",", memberIds.stream().map(id -> "?").toList());
        sql.list("SELECT m.id, m.name, m.branch_id, o.name FROM member m "
                + "LEFT JOIN organisation o ON o.id = m.branch_id WHERE m.id IN (" + in + ")", rs -> {
            long branch = rs.getLong(3);
            Long branchId = rs.wasNull() ? null : branch;
            return names.put(rs.getLong(1), new MemberName(rs.getLong(1), rs.getString(2), branchId, rs.getString(4)));
        }, memberIds.toArray());
        return names;
    }

    /** Where enabled members can be reached: id → (WeChat openid or null, phone); for notification. */
    public Map<Long, String[]> contacts(Collection<Long> memberIds) {
        Map<Long, String[]> contacts = new HashMap<>();
        if (!memberIds.isEmpty()) {
            sql.each("SELECT id, wechat_openid, phone FROM member WHERE enabled AND id IN (" + Sql.placeholders(memberIds)
                    + ")", rs -> contacts.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}),
                    memberIds.toArray());
        }
        return contacts;
    }

    /** Enabled members per branch (one statement, no transaction). */
    @Connectable
    public Map<Long, Long> enabledMembers(Collection<Long> branchIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (branchIds.isEmpty()) {
            return counts;
        }
        String in = String.join(",", branchIds.stream().map(id -> "?").toList());
        sql.list("SELECT branch_id, COUNT(*) FROM member WHERE enabled AND branch_id IN (" + in
                + ") GROUP BY branch_id", rs -> counts.put(rs.getLong(1), rs.getLong(2)), branchIds.toArray());
        return counts;
    }
}
