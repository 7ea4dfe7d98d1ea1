package app.vanguard.auth;

import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.org.Role;
import app.vanguard.shared.ApiException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Object-level authorisation: a secretary (or branch committee member) acts on their own branch only, an org admin
 * on their own subtree only, a system admin everywhere. Checked against the target's place in the tree.
 */
@Singleton
public class AccessPolicy {

    private final OrganisationRepository organisations;

    public AccessPolicy(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    public Organisation organisation(long orgId) {
        return organisations.findById(orgId).orElseThrow(() -> ApiException.notFound("Organisation " + orgId));
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
                .map(organisations::findById).flatMap(java.util.Optional::stream).toList();
        // Drop a root already inside another one.
        return roots.stream().filter(r -> roots.stream().noneMatch(o -> o != r && !o.id().equals(r.id()) && r.isWithin(o)))
                .toList();
    }
}
