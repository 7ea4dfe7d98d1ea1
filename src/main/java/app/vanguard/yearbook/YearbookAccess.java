package app.vanguard.yearbook;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Who may read a member's year and an organisation's figures: the member themself and whoever may view their branch
 * (its secretary and committee members, the admins above); a branch's figures to those who may view it, a higher
 * organisation's to its administrators.
 */
@Singleton
public class YearbookAccess {

    private final AccessPolicy access;
    private final MemberStore members;
    private final OrganisationRepository organisations;

    public YearbookAccess(AccessPolicy access, MemberStore members, OrganisationRepository organisations) {
        this.access = access;
        this.members = members;
        this.organisations = organisations;
    }

    public MemberStore.MemberName member(Caller caller, long memberId) {
        MemberStore.MemberName member = members.names(List.of(memberId)).get(memberId);
        if (member == null) {
            throw ApiException.notFound("Member " + memberId);
        }
        if (caller.memberId() != memberId && (member.branchId() == null
                || !access.canViewBranch(caller, access.branch(member.branchId())))) {
            throw ApiException.forbidden("You may not see the year of member " + memberId);
        }
        return member;
    }

    public Organisation org(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        if (org.type() == OrgType.GROUP) {
            throw ApiException.notFound("Organisation " + orgId + " (a group has no figures of its own)");
        }
        boolean allowed = org.type() == OrgType.BRANCH ? access.canViewBranch(caller, org)
                : access.canAdminister(caller, org);
        if (!allowed) {
            throw ApiException.forbidden("You may not see the figures of organisation " + orgId);
        }
        return org;
    }

    /** The branches of the subtree (the organisation itself, for a branch), in tree order. */
    public List<Organisation> branches(Organisation org) {
        return org.type() == OrgType.BRANCH ? List.of(org) : organisations.findSubtree(org.path()).stream()
                .filter(o -> o.type() == OrgType.BRANCH).toList();
    }
}
