package app.vanguard.identity;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A branch's side of the three shows: declarations to verify or reject, commitments to review yearly, badges to
 * grant and revoke (read by its secretary, committee members and the admins above; changed by the secretary and
 * admins above), and the finding-drive figures of any organisation's subtree.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BranchIdentityController {

    static final int MAX_PERIOD_DAYS = 3660;

    private final AccessPolicy access;
    private final DeclarationService declarations;
    private final BadgeService badges;
    private final FiguresService figures;
    private final Clock clock;

    public BranchIdentityController(AccessPolicy access, DeclarationService declarations, BadgeService badges,
                                    FiguresService figures, Clock clock) {
        this.access = access;
        this.declarations = declarations;
        this.badges = badges;
        this.figures = figures;
        this.clock = clock;
    }

    @Get("/branches/{branchId}/declarations{?state,page,size}")
    public IdentityViews.DeclarationPage list(Authentication authentication, long branchId,
                                              @Nullable @QueryValue DeclarationState state,
                                              @QueryValue(defaultValue = "0") @Min(0) int page,
                                              @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        Organisation branch = access.requireViewBranch(Caller.of(authentication), branchId);
        return declarations.forBranch(branch, state, page, size);
    }

    @Get("/branches/{branchId}/declarations/{declarationId}")
    public IdentityViews.DeclarationView get(Authentication authentication, long branchId, long declarationId) {
        return declarations.ofBranch(access.requireViewBranch(Caller.of(authentication), branchId), declarationId);
    }

    @Post("/branches/{branchId}/declarations/{declarationId}/verify")
    public IdentityViews.DeclarationView verify(Authentication authentication, long branchId, long declarationId) {
        Caller caller = Caller.of(authentication);
        return declarations.verify(access.requireManageBranch(caller, branchId), declarationId, caller.memberId());
    }

    @Post("/branches/{branchId}/declarations/{declarationId}/reject")
    public IdentityViews.DeclarationView reject(Authentication authentication, long branchId, long declarationId,
                                                @Body @Valid IdentityViews.RejectRequest body) {
        Caller caller = Caller.of(authentication);
        return declarations.reject(access.requireManageBranch(caller, branchId), declarationId, caller.memberId(),
                body.reason());
    }

    @Get("/branches/{branchId}/commitments{?page,size}")
    public IdentityViews.CommitmentPage commitments(Authentication authentication, long branchId,
                                                    @QueryValue(defaultValue = "0") @Min(0) int page,
                                                    @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return declarations.commitmentsOfBranch(access.requireViewBranch(Caller.of(authentication), branchId), page, size);
    }

    @Put("/branches/{branchId}/commitments/{commitmentId}/reviews/{year}")
    public IdentityViews.CommitmentView review(Authentication authentication, long branchId, long commitmentId, int year,
                                               @Body @Valid IdentityViews.ReviewRequest body) {
        Caller caller = Caller.of(authentication);
        return declarations.review(access.requireManageBranch(caller, branchId), commitmentId, year, caller.memberId(),
                body);
    }

    @Post("/branches/{branchId}/badges")
    @Status(HttpStatus.CREATED)
    public IdentityViews.BadgeView grant(Authentication authentication, long branchId,
                                         @Body @Valid IdentityViews.BadgeRequest body) {
        Caller caller = Caller.of(authentication);
        return badges.grant(access.requireManageBranch(caller, branchId), caller.memberId(), body);
    }

    @Get("/branches/{branchId}/badges{?page,size}")
    public IdentityViews.BadgePage badges(Authentication authentication, long branchId,
                                          @QueryValue(defaultValue = "0") @Min(0) int page,
                                          @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return badges.list(access.requireViewBranch(Caller.of(authentication), branchId), page, size);
    }

    @Post("/branches/{branchId}/badges/{badgeId}/revoke")
    public IdentityViews.BadgeView revoke(Authentication authentication, long branchId, long badgeId,
                                          @Body @Valid IdentityViews.RevokeRequest body) {
        Caller caller = Caller.of(authentication);
        return badges.revoke(access.requireManageBranch(caller, branchId), badgeId, caller.memberId(), body.reason());
    }

    @Get(value = "/branches/{branchId}/badges/{badgeId}/qr.png", produces = "image/png")
    public HttpResponse<byte[]> qr(Authentication authentication, long branchId, long badgeId) {
        Organisation branch = access.requireViewBranch(Caller.of(authentication), branchId);
        return HttpResponse.ok(badges.qrPng(badges.ofBranch(branch, badgeId))).contentType(MediaType.IMAGE_PNG_TYPE);
    }

    /** Figures of an organisation's subtree: an admin of it (or above); a branch's own secretary / committee too. */
    @Get("/orgs/{orgId}/identity-figures{?from,to}")
    public IdentityViews.FiguresView figures(Authentication authentication, long orgId, @Nullable @QueryValue LocalDate from,
                                             @Nullable @QueryValue LocalDate to) {
        Caller caller = Caller.of(authentication);
        Organisation org = access.organisation(orgId);
        if (org.type() == OrgType.BRANCH) {
            access.requireViewBranch(caller, orgId);
        } else {
            access.requireAdminister(caller, orgId);
        }
        LocalDate today = BusinessTime.today(clock);
        LocalDate end = to != null ? to : today;
        LocalDate start = from != null ? from : end.withDayOfYear(1);
        if (start.isAfter(end)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_PERIOD_DAYS) {
            throw ApiException.invalid("from", "the period may span at most " + MAX_PERIOD_DAYS + " days");
        }
        return figures.figures(org, start, end);
    }
}
