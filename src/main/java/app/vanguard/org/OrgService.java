package app.vanguard.org;

import app.vanguard.shared.ApiException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The organisation tree: creating nodes, reading subtrees with member counts, granting roles. */
@Singleton
public class OrgService {

    private final OrganisationRepository organisations;
    private final MemberRepository members;
    private final RoleAssignmentRepository roles;
    private final AccessPolicy access;
    private final MemberStore memberStore;
    private final ApplicationEventPublisher<MemberAccessChanged> accessChanges;
    private final Clock clock;

    public OrgService(OrganisationRepository organisations, MemberRepository members, RoleAssignmentRepository roles,
                      AccessPolicy access, MemberStore memberStore,
                      ApplicationEventPublisher<MemberAccessChanged> accessChanges, Clock clock) {
        this.accessChanges = accessChanges;
        this.organisations = organisations;
        this.members = members;
        this.roles = roles;
        this.access = access;
        this.memberStore = memberStore;
        this.clock = clock;
    }

    /**
     * Creates a node. A root committee needs a system admin; under a parent, an admin of the parent's subtree,
     * or (for a group) the branch's own secretary.
     */
    @Transactional
    public Organisation create(Caller caller, @Nullable Long parentId, OrgType type, String name) {
        Organisation parent = null;
        if (parentId == null) {
            if (!caller.isSystemAdmin()) {
                throw ApiException.forbidden("Only a system admin may create a root organisation");
            }
            if (type != OrgType.COMMITTEE) {
                throw ApiException.invalid("type", "a root organisation must be a COMMITTEE");
            }
        } else {
            parent = access.organisation(parentId);
            boolean secretaryAddingGroup = type == OrgType.GROUP && parent.type() == OrgType.BRANCH
                    && access.canManageBranch(caller, parent);
            if (!secretaryAddingGroup && !access.canAdminister(caller, parent)) {
                throw ApiException.forbidden("You may not add organisations under " + parentId);
            }
            if (!parent.type().canContain(type)) {
                throw ApiException.invalid("type", "a " + parent.type() + " cannot contain a " + type);
            }
        }
        return insertNode(parent, type, name.trim());
    }

    /** Adds a node under the parent (null for a root) and sets its path; no permission checks. */
    @Transactional
    public Organisation insertNode(@Nullable Organisation parent, OrgType type, String name) {
        Organisation saved = organisations.save(new Organisation(null, parent == null ? null : parent.id(), type, name,
                "/", clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        String path = (parent == null ? "/" : parent.path()) + saved.id() + "/";
        organisations.updatePath(saved.id(), path);
        return saved.withPath(path);
    }

    /** The subtrees the caller administers, each with member counts summed up the tree. */
    @Transactional(readOnly = true)
    public List<OrgViews.OrgNode> tree(Caller caller) {
        List<OrgViews.OrgNode> result = new ArrayList<>();
        for (Organisation root : access.administeredRoots(caller)) {
            List<Organisation> nodes = organisations.findSubtree(root.path());
            Map<Long, Long> direct = memberCounts(root.path());
            Map<Long, List<Organisation>> children = new HashMap<>();
            for (Organisation o : nodes) {
                if (o.parentId() != null) {
                    children.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o);
                }
            }
            result.add(build(root, children, direct));
        }
        return result;
    }

    private OrgViews.OrgNode build(Organisation node, Map<Long, List<Organisation>> children, Map<Long, Long> direct) {
        List<OrgViews.OrgNode> kids = new ArrayList<>();
        long count = direct.getOrDefault(node.id(), 0L);
        for (Organisation child : children.getOrDefault(node.id(), List.of())) {
            OrgViews.OrgNode built = build(child, children, direct);
            kids.add(built);
            if (child.type() != OrgType.GROUP) { // group members are already counted in their branch
                count += built.memberCount();
            }
        }
        return new OrgViews.OrgNode(node.id(), node.type(), node.name(), count, kids);
    }

    private Map<Long, Long> memberCounts(String pathPrefix) {
        return memberStore.enabledCounts(pathPrefix);
    }

    /** Grants a role on an organisation: branch roles to members of that branch, ORG_ADMIN on a committee level. */
    public RoleAssignment grant(Caller caller, long orgId, long memberId, Role role) {
        Organisation org = access.requireAdminister(caller, orgId);
        Member member = members.findById(memberId).orElseThrow(() -> ApiException.notFound("Member " + memberId));
        switch (role) {
            case SECRETARY, COMMITTEE_MEMBER -> {
                if (org.type() != OrgType.BRANCH) {
                    throw ApiException.invalid("role", role + " is held on a branch");
                }
                if (!org.id().equals(member.branchId())) {
                    throw ApiException.invalid("memberId", "the member does not belong to this branch");
                }
            }
            case ORG_ADMIN -> {
                if (org.type() != OrgType.COMMITTEE && org.type() != OrgType.GENERAL_BRANCH) {
                    throw ApiException.invalid("role", "ORG_ADMIN is held on a committee or general branch");
                }
            }
            default -> throw ApiException.invalid("role", "only SECRETARY, COMMITTEE_MEMBER and ORG_ADMIN are granted here");
        }
        return roles.findByMemberIdAndRoleAndOrgId(memberId, role, orgId).orElseGet(() -> {
            RoleAssignment saved = roles.save(new RoleAssignment(null, memberId, role, orgId, caller.memberId(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            accessChanges.publishEvent(new MemberAccessChanged(memberId, MemberAccessChanged.Reason.ROLES_CHANGED));
            return saved;
        });
    }

    /** Revoking also makes the member's access tokens (which carry the role) stop working at once. */
    public void revoke(Caller caller, long orgId, long memberId, Role role) {
        access.requireAdminister(caller, orgId);
        roles.findByMemberIdAndRoleAndOrgId(memberId, role, orgId).ifPresent(r -> {
            roles.delete(r);
            accessChanges.publishEvent(new MemberAccessChanged(memberId, MemberAccessChanged.Reason.ROLES_CHANGED));
        });
    }
}
