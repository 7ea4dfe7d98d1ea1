package app.vanguard.quiz;

import app.vanguard.org.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import app.vanguard.shared.PageResponse;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Contests (知识竞赛): organised for a subtree, taken by its members, timed and scored by the server. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContestController {

    private final ContestService contests;

    ContestController(ContestService contests) {
        this.contests = contests;
    }

    @Post("/orgs/{orgId}/contests")
    @Status(HttpStatus.CREATED)
    public ContestViews.ContestView create(Authentication authentication, long orgId,
                                           @Body @Valid ContestViews.ContestRequest body) {
        return contests.create(Caller.of(authentication), orgId, body);
    }

    @Get("/contests{?page,size}")
    public PageResponse<ContestViews.ContestView> mine(Authentication authentication,
                                                       @QueryValue(defaultValue = "0") @Min(0) int page,
                                                       @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return contests.mine(Caller.of(authentication), page, size);
    }

    @Get("/contests/{contestId}")
    public ContestViews.ContestView get(Authentication authentication, long contestId) {
        return contests.view(Caller.of(authentication), contestId);
    }

    /** Starts an attempt (201), or answers with the attempt already running (200). */
    @Post("/contests/{contestId}/attempts")
    public java.util.concurrent.CompletableFuture<HttpResponse<ContestViews.AttemptView>> start(
            Authentication authentication, long contestId) {
        // Answered when the group commit holding the new attempt has committed; no thread waits meanwhile.
        return contests.start(Caller.of(authentication), contestId).thenApply(r ->
                r.existing() ? HttpResponse.ok(r.view()) : HttpResponse.created(r.view()));
    }

    @Get("/contests/{contestId}/attempts/{attemptId}")
    public ContestViews.AttemptView attempt(Authentication authentication, long contestId, long attemptId) {
        return contests.attempt(Caller.of(authentication), contestId, attemptId);
    }

    @Put("/contests/{contestId}/attempts/{attemptId}/answers/{position}")
    public ContestViews.AnswerReceipt answer(Authentication authentication, long contestId, long attemptId,
                                             int position, @Body ContestViews.AnswerRequest body) {
        return contests.answer(Caller.of(authentication), contestId, attemptId, position, body.answer());
    }

    /** Answered once the group commit holding the submit has committed; no thread waits meanwhile. */
    @Post("/contests/{contestId}/attempts/{attemptId}/submit")
    public java.util.concurrent.CompletableFuture<ContestViews.AttemptView> submit(Authentication authentication, long contestId, long attemptId,
                                           @Body @Nullable ContestViews.SubmitRequest body) {
        List<ContestViews.SubmitAnswer> answers = body == null || body.answers() == null ? List.of() : body.answers();
        return contests.submit(Caller.of(authentication), contestId, attemptId, answers);
    }

    @Get("/contests/{contestId}/leaderboard{?branchId,limit}")
    public ContestViews.Leaderboard leaderboard(Authentication authentication, long contestId,
                                                @Nullable @QueryValue Long branchId,
                                                @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return contests.leaderboard(Caller.of(authentication), contestId, branchId, limit);
    }

    @Post("/contests/{contestId}/leaderboard/rebuild")
    public ContestViews.Leaderboard rebuild(Authentication authentication, long contestId) {
        return contests.rebuild(Caller.of(authentication), contestId);
    }

    @Get("/contests/{contestId}/participation")
    public ContestViews.Participation participation(Authentication authentication, long contestId) {
        return contests.participation(Caller.of(authentication), contestId);
    }

    @Get("/contests/{contestId}/results/me")
    public ContestViews.MyResult myResult(Authentication authentication, long contestId) {
        return contests.myResult(Caller.of(authentication), contestId);
    }

    @Get("/contests/{contestId}/question-stats")
    public ContestViews.QuestionStats questionStats(Authentication authentication, long contestId) {
        return contests.questionStats(Caller.of(authentication), contestId);
    }

    @Get("/contests/{contestId}/results/export{?format}")
    public HttpResponse<byte[]> export(Authentication authentication, long contestId,
                                       @QueryValue(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format) {
        ContestViews.ExportFile file = contests.export(Caller.of(authentication), contestId, format);
        return HttpResponse.ok(file.body()).contentType(file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
    }
}
