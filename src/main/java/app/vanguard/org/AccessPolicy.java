package app.vanguard.org;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Object-level authorisation: a secretary (or branch committee member) acts on their own branch only, an org admin
 * on their own subtree only, a system admin everywhere. Checked against the target's place in the tree.
 */
@Singleton
public class AccessPolicy {

    private final OrganisationRepository organisations;
    /**
     * Organisations by id. A node never changes once its creating transaction has set its path (the tree has no
     * rename or move), so each instance may keep what it has read; only complete nodes are kept, never a miss.
     * Saves one to three MySQL round trips on nearly every request (measured in bench/).
     */
    private final Cache<Long, Organisation> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    public AccessPolicy(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    public Organisation organisation(long orgId) {
        Organisation cached = cache.getIfPresent(orgId);
        if (cached != null) {
            return cached;
        }
        Organisation org = organisations.findById(orgId).orElseThrow(() -> ApiException.notFound("Organisation " + orgId));
        if (org.path().endsWith("/" + orgId + "/")) {
            cache.put(orgId, org);
        }
        return org;
    }

    public Organisation branch(long branchId) {
        Organisation org = organisation(branchId);
        if (org.type() != OrgType.BRANCH) {
            throw ApiException.notFound("Branch " + branchId);
        }
        return org;
    }

    /** Secretary or committee member of the branch, an org admin above it, or a system admin. */
    public boolean canViewBranch(Caller caller, Organisation branch) {
        return caller.holds(Role.SECRETARY, branch.id()) || caller.holds(Role.COMMITTEE_MEMBER, branch.id())
                || canAdminister(caller, branch);
    }

    /** Secretary of the branch, an org admin above it, or a system admin. */
    public boolean canManageBranch(Caller caller, Organisation branch) {
        return caller.holds(Role.SECRETARY, branch.id()) || canAdminister(caller, branch);
    }

    /** An org admin of the organisation or one of its ancestors, or a system admin. */
    public boolean canAdminister(Caller caller, Organisation org) {
        if (caller.isSystemAdmin()) {
            return true;
        }
        for (Long adminOrgId : caller.orgsWith(Role.ORG_ADMIN)) {
            if (org.path().contains("/" + adminOrgId + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may grant or revoke this role (the rights of {@code POST /orgs/{orgId}/roles}): a system
     * admin for SYSTEM_ADMIN, else an admin of the organisation it is held on. A member holding such a role may only
     * be disabled, or have their login phone changed, by someone with that right.
     */
    public boolean canAdministerRole(Caller caller, Role role, @Nullable Long orgId) {
        if (caller.isSystemAdmin()) {
            return true;
        }
        if (role == Role.SYSTEM_ADMIN || orgId == null) {
            return false;
        }
        return canAdminister(caller, organisation(orgId));
    }

    public Organisation requireViewBranch(Caller caller, long branchId) {
        Organisation branch = branch(branchId);
        if (!canViewBranch(caller, branch)) {
            throw ApiException.forbidden("You may not see branch " + branchId);
        }
        return branch;
    }

    public Organisation requireManageBranch(Caller caller, long branchId) {
        Organisation branch = branch(branchId);
        if (!canManageBranch(caller, branch)) {
            throw ApiException.forbidden("You may not manage branch " + branchId);
        }
        return branch;
    }

    public Organisation requireAdminister(Caller caller, long orgId) {
        Organisation org = organisation(orgId);
        if (!canAdminister(caller, org)) {
            throw ApiException.forbidden("You may not administer organisation " + orgId);
        }
        return org;
    }

    /** The roots of what the caller administers: everything for a system admin. */
    public List<Organisation> administeredRoots(Caller caller) {
        if (caller.isSystemAdmin()) {
            return organisations.findByParentIdIsNull();
        }
        List<Organisation> roots = caller.orgsWith(Role.ORG_ADMIN).stream()
                .flatMap(id -> organisations.findById(id).stream()).toList();
        // Drop a root already inside another one.
        return roots.stream().filter(r -> roots.stream().noneMatch(o -> o != r && !o.id().equals(r.id()) && r.isWithin(o)))
                .toList();
    }
}
