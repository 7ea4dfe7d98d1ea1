package app.vanguard.org;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Personal data: a member's own export; a system admin's erasure of a departed member. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PrivacyController {

    private final PrivacyService privacy;

    public PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @Get("/me/data-export")
    public HttpResponse<OrgViews.DataExport> export(Authentication authentication) {
        return HttpResponse.ok(privacy.export(Caller.of(authentication))).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/admin/members/{memberId}/erase")
    public OrgViews.ErasureView erase(Authentication authentication, long memberId) {
        return privacy.erase(Caller.of(authentication), memberId);
    }
}
