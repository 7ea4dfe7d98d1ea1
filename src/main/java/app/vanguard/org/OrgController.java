package app.vanguard.org;

import app.vanguard.shared.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The organisation tree, member search and role grants, for org admins (and secretaries adding groups). */
@Controller("/orgs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrgController {

    private final OrgService orgs;
    private final AccessPolicy access;
    private final MemberRepository members;

    public OrgController(OrgService orgs, AccessPolicy access, MemberRepository members) {
        this.orgs = orgs;
        this.access = access;
        this.members = members;
    }

    @Get("/tree")
    public List<OrgViews.OrgNode> tree(Authentication authentication) {
        return orgs.tree(Caller.of(authentication));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public OrgViews.OrgRef create(Authentication authentication, @Body @Valid OrgViews.CreateOrgRequest body) {
        return OrgViews.OrgRef.of(orgs.create(Caller.of(authentication), body.parentId(), body.type(), body.name()));
    }

    /** Members anywhere in the organisation's subtree whose name or phone contains {@code q}. */
    @Get("/{orgId}/members{?q,page,size}")
    public PageResponse<OrgViews.MemberView> search(Authentication authentication, long orgId,
                                                   @Nullable @QueryValue @Size(max = 50) String q,
                                                   @QueryValue(defaultValue = "0") @Min(0) int page,
                                                   @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        Organisation org = access.requireAdminister(Caller.of(authentication), orgId);
        String pattern = "%" + (q == null ? "" : q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        List<OrgViews.MemberView> items = members.searchSubtree(org.path(), pattern, size, (long) page * size).stream()
                .map(OrgViews.MemberView::of).toList();
        return new PageResponse<>(items, page, size, members.countSearchSubtree(org.path(), pattern));
    }

    @Post("/{orgId}/roles")
    @Status(HttpStatus.CREATED)
    public OrgViews.RoleGrantView grant(Authentication authentication, long orgId, @Body @Valid OrgViews.GrantRoleRequest body) {
        RoleAssignment granted = orgs.grant(Caller.of(authentication), orgId, body.memberId(), body.role());
        return new OrgViews.RoleGrantView(granted.memberId(), granted.role(), granted.orgId());
    }

    @Delete("/{orgId}/roles/{role}/{memberId}")
    public HttpResponse<Void> revoke(Authentication authentication, long orgId, Role role, long memberId) {
        orgs.revoke(Caller.of(authentication), orgId, memberId, role);
        return HttpResponse.noContent();
    }
}
