package app.vanguard.reading;

import app.vanguard.org.Caller;
import app.vanguard.reading.ReadingViews.PlanRequest;
import app.vanguard.reading.ReadingViews.PlanView;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** The daily reading plan of a branch (its secretary) or a subtree (its org admin). */
@Controller("/orgs/{orgId}/reading-plan")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReadingPlanController {

    private final PlanService plans;
    private final ReadingCache cache;

    public ReadingPlanController(PlanService plans, ReadingCache cache) {
        this.plans = plans;
        this.cache = cache;
    }

    @Get
    public PlanView get(Authentication authentication, long orgId) {
        return plans.get(Caller.of(authentication), orgId);
    }

    @Put
    public PlanView set(Authentication authentication, long orgId, @Body @Valid PlanRequest body) {
        PlanView view = plans.set(Caller.of(authentication), orgId, body);
        cache.plansChanged();
        return view;
    }

    @Delete
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Authentication authentication, long orgId) {
        plans.delete(Caller.of(authentication), orgId);
        cache.plansChanged();
    }
}
