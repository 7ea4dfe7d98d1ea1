package app.vanguard.quiz;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.shared.ApiException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may do what with quizzes. An organisation's bank and its contests are managed by the admins of the
 * organisation (or above), and for a branch also by its secretary. A contest is open to the members whose branch
 * lies in the contest's subtree.
 */
@Singleton
class QuizAccess {

    private final AccessPolicy access;

    QuizAccess(AccessPolicy access) {
        this.access = access;
    }

    Organisation organisation(long orgId) {
        return access.organisation(orgId);
    }

    boolean canManage(Caller caller, Organisation org) {
        return access.canAdminister(caller, org) || (org.type() == OrgType.BRANCH && caller.holds(Role.SECRETARY, org.id()));
    }

    Organisation requireManage(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        if (!canManage(caller, org)) {
            throw ApiException.forbidden("You may not manage the quizzes of organisation " + orgId);
        }
        return org;
    }

    /** Whether the caller's own branch lies in the organisation's subtree (so they may take part). */
    boolean isInSubtree(Caller caller, Organisation org) {
        if (caller.branchId() == null) {
            return false;
        }
        Organisation branch = access.organisation(caller.branchId());
        return branch.isWithin(org);
    }

    /** The caller's branch, or 403 for someone outside any branch. */
    Organisation branchOf(Caller caller) {
        if (caller.branchId() == null) {
            throw ApiException.forbidden("Only members of a branch take part in quizzes");
        }
        return access.organisation(caller.branchId());
    }

    /** The ids on the path from the root to the organisation, the organisation included: whose banks it may use. */
    static List<Long> selfAndAncestors(Organisation org) {
        List<Long> ids = new ArrayList<>();
        for (String part : org.path().split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.valueOf(part));
            }
        }
        return ids;
    }
}
