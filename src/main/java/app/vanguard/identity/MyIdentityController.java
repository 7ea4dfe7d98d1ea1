package app.vanguard.identity;

import app.vanguard.org.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;

/** The signed-in member's own declarations, commitments and badges (also for pending registrants). */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MyIdentityController {

    private final DeclarationService declarations;
    private final BadgeService badges;

    public MyIdentityController(DeclarationService declarations, BadgeService badges) {
        this.declarations = declarations;
        this.badges = badges;
    }

    @Post("/declarations")
    @Status(HttpStatus.CREATED)
    public IdentityViews.DeclarationView declare(Authentication authentication,
                                                 @Body @Valid IdentityViews.DeclarationRequest body) {
        return declarations.submit(Caller.of(authentication).memberId(), body);
    }

    @Get("/declarations")
    public List<IdentityViews.DeclarationView> myDeclarations(Authentication authentication) {
        return declarations.mine(Caller.of(authentication).memberId());
    }

    @Get("/declarations/{declarationId}")
    public IdentityViews.DeclarationView myDeclaration(Authentication authentication, long declarationId) {
        return declarations.myDeclaration(Caller.of(authentication).memberId(), declarationId);
    }

    @Put("/declarations/{declarationId}")
    public IdentityViews.DeclarationView amend(Authentication authentication, long declarationId,
                                               @Body @Valid IdentityViews.DeclarationRequest body) {
        return declarations.resubmit(Caller.of(authentication).memberId(), declarationId, body);
    }

    @Get("/commitments")
    public List<IdentityViews.CommitmentView> myCommitments(Authentication authentication) {
        return declarations.myCommitments(Caller.of(authentication).memberId());
    }

    @Post("/commitments/{commitmentId}/progress")
    public IdentityViews.CommitmentView progress(Authentication authentication, long commitmentId,
                                                 @Body @Valid IdentityViews.CommitmentProgressRequest body) {
        return declarations.progress(Caller.of(authentication).memberId(), commitmentId, body);
    }

    @Get("/badges")
    public List<IdentityViews.BadgeView> myBadges(Authentication authentication) {
        return badges.mine(Caller.of(authentication).memberId());
    }

    @Get(value = "/badges/{badgeId}/qr.png", produces = "image/png")
    public HttpResponse<byte[]> myBadgeQr(Authentication authentication, long badgeId) {
        byte[] png = badges.qrPng(badges.ofMember(Caller.of(authentication).memberId(), badgeId));
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE);
    }
}
