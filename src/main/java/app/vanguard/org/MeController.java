package app.vanguard.org;

import app.vanguard.auth.AuthService;
import app.vanguard.auth.Caller;
import app.vanguard.auth.LoginThrottle;
import app.vanguard.auth.PasswordHasher;
import app.vanguard.shared.Problem;
import app.vanguard.shared.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The signed-in member: their profile and roles, their branch, their password. */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {

    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final RoleAssignmentRepository roles;
    private final PasswordHasher hasher;
    private final AuthService auth;
    private final LoginThrottle throttle;
    private final Clock clock;

    public MeController(MemberRepository members, OrganisationRepository organisations, RoleAssignmentRepository roles,
                        PasswordHasher hasher, AuthService auth, LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.members = members;
        this.organisations = organisations;
        this.roles = roles;
        this.hasher = hasher;
        this.auth = auth;
        this.clock = clock;
    }

    @Serdeable
    public record ChangePasswordRequest(@NotBlank @Size(max = 128) String currentPassword,
                                        @NotBlank @Size(min = 8, max = 128) String newPassword) {
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

    @Put("/password")
    public HttpResponse<Void> changePassword(Authentication authentication, @Body @Valid ChangePasswordRequest body) {
        Member m = current(authentication);
        throttle.beforeAttempt(m.phone(), null);
        if (!hasher.matches(body.currentPassword(), m.passwordHash())) {
            throttle.recordFailure(m.phone());
            throw new ApiException(HttpStatus.BAD_REQUEST, "CURRENT_PASSWORD_WRONG", "Current password is wrong",
                    List.of(new Problem.FieldError("currentPassword", null, "does not match")));
        }
        members.updatePasswordHashAndPasswordChangeRequiredAndUpdatedAt(m.id(), hasher.hash(body.newPassword()), false,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        auth.revokeAll(m.id()); // every device signs in again with the new password
        return HttpResponse.noContent();
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
