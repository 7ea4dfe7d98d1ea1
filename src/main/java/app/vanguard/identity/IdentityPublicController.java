package app.vanguard.identity;

import app.vanguard.auth.ClientAddress;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** The anonymous identity endpoints: self-registration and the public badge check. Both rate-limited in Redis. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IdentityPublicController {

    private final DeclarationService declarations;
    private final BadgeService badges;
    private final IdentityRateLimiter limiter;
    private final ClientAddress clientAddress;

    public IdentityPublicController(DeclarationService declarations, BadgeService badges, IdentityRateLimiter limiter,
                                    ClientAddress clientAddress) {
        this.declarations = declarations;
        this.badges = badges;
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    @Post("/identity/registrations")
    @Status(HttpStatus.CREATED)
    public IdentityViews.RegistrationResult register(HttpRequest<?> request,
                                                     @Body @Valid IdentityViews.RegistrationRequest body) {
        limiter.registration(clientAddress.of(request), body.phone());
        return declarations.register(body);
    }

    @Get("/public/badges/{token}")
    public IdentityViews.PublicBadgeView check(HttpRequest<?> request, String token) {
        limiter.badgeCheck(clientAddress.of(request));
        return badges.check(token);
    }
}
