package app.vanguard.org;

import app.vanguard.shared.ApiException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The signed-in member: their profile and roles, their branch (password and WeChat binding: auth.AccountController). */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {

    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final RoleAssignmentRepository roles;

    public MeController(MemberRepository members, OrganisationRepository organisations, RoleAssignmentRepository roles) {
        this.members = members;
        this.organisations = organisations;
        this.roles = roles;
    }

    @Get
    public OrgViews.MeView me(Authentication authentication) {
        Member m = current(authentication);
        List<OrgViews.RoleView> roleViews = new ArrayList<>();
        roleViews.add(new OrgViews.RoleView(Role.MEMBER, m.branchId(), null));
        for (RoleAssignment r : roles.findByMemberId(m.id())) {
            roleViews.add(new OrgViews.RoleView(r.role(), r.orgId(),
                    r.orgId() == null ? null : organisations.findById(r.orgId()).map(Organisation::name).orElse(null)));
        }
        OrgViews.OrgRef branch = m.branchId() == null ? null
                : organisations.findById(m.branchId()).map(OrgViews.OrgRef::of).orElse(null);
        OrgViews.OrgRef group = m.groupId() == null ? null
                : organisations.findById(m.groupId()).map(OrgViews.OrgRef::of).orElse(null);
        return new OrgViews.MeView(m.id(), m.name(), m.phone(), m.status(), m.joinedOn(), m.employer(), m.position(),
                branch, group, roleViews, m.passwordChangeRequired(), m.wechatOpenid() != null);
    }

    @Get("/branch")
    public OrgViews.BranchView myBranch(Authentication authentication) {
        Member m = current(authentication);
        if (m.branchId() == null) {
            throw ApiException.notFound("Your branch");
        }
        Organisation branch = organisations.findById(m.branchId()).orElseThrow(() -> ApiException.notFound("Branch"));
        List<OrgViews.OrgRef> ancestors = Arrays.stream(branch.path().split("/"))
                .filter(s -> !s.isEmpty()).map(Long::valueOf).filter(id -> !id.equals(branch.id()))
                .map(organisations::findById).flatMap(java.util.Optional::stream).map(OrgViews.OrgRef::of).toList();
        List<OrgViews.OrgRef> groups = organisations.findByParentIdAndType(branch.id(), OrgType.GROUP).stream()
                .map(OrgViews.OrgRef::of).toList();
        return new OrgViews.BranchView(branch.id(), branch.name(), ancestors, groups,
                holders(branch.id(), Role.SECRETARY), holders(branch.id(), Role.COMMITTEE_MEMBER),
                members.countRoster(branch.id(), false));
    }

    private List<OrgViews.PersonRef> holders(long branchId, Role role) {
        return roles.findByOrgIdAndRole(branchId, role).stream()
                .map(r -> members.findById(r.memberId())).flatMap(java.util.Optional::stream)
                .map(p -> new OrgViews.PersonRef(p.id(), p.name())).toList();
    }

    private Member current(Authentication authentication) {
        return members.findById(Caller.of(authentication).memberId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unknown member"));
    }
}
