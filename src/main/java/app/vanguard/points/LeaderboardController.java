package app.vanguard.points;

import app.vanguard.org.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.LocalDate;

/** Leaderboards over HTTP; the rules are {@link LeaderboardService}'s. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LeaderboardController {

    private final LeaderboardService leaderboards;

    public LeaderboardController(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Get("/leaderboards/{orgId}{?period,date,top}")
    public PointsViews.Leaderboard top(Authentication authentication, long orgId,
                                       @QueryValue(defaultValue = "WEEK") Period period,
                                       @Nullable @QueryValue LocalDate date,
                                       @QueryValue(defaultValue = "20") @Min(1) @Max(100) int top) {
        return leaderboards.top(Caller.of(authentication), orgId, period, date, top);
    }

    @Get("/leaderboards/{orgId}/me{?period,date,neighbours}")
    public PointsViews.MyRank me(Authentication authentication, long orgId,
                                 @QueryValue(defaultValue = "WEEK") Period period,
                                 @Nullable @QueryValue LocalDate date,
                                 @QueryValue(defaultValue = "2") @Min(0) @Max(10) int neighbours) {
        return leaderboards.me(Caller.of(authentication), orgId, period, date, neighbours);
    }

    @Get("/orgs/{orgId}/branch-ranking{?period,date}")
    public PointsViews.BranchRanking branchRanking(Authentication authentication, long orgId,
                                                   @QueryValue(defaultValue = "WEEK") Period period,
                                                   @Nullable @QueryValue LocalDate date) {
        return leaderboards.branchRanking(Caller.of(authentication), orgId, period, date);
    }

    /** 202 with the job and its Location; 409 REBUILD_IN_PROGRESS (Location of the running one) when one runs. */
    @Post("/admin/leaderboards/rebuild")
    public HttpResponse<RebuildJobs.Job> rebuild(Authentication authentication,
                                                 @Body @Valid PointsViews.RebuildRequest body) {
        RebuildJobs.Job job = leaderboards.rebuild(Caller.of(authentication), body.orgId());
        return HttpResponse.<RebuildJobs.Job>status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.LOCATION, LeaderboardService.jobPath(job.id())).body(job);
    }

    @Get("/admin/leaderboards/rebuilds/{id}")
    public RebuildJobs.Job rebuildJob(Authentication authentication, String id) {
        return leaderboards.rebuildJob(Caller.of(authentication), id);
    }
}
