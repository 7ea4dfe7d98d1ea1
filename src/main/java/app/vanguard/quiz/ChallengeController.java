package app.vanguard.quiz;

import app.vanguard.org.Caller;
import io.micronaut.http.HttpStatus;
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

/** My challenge runs (挑战答题). */
@Controller("/challenge/runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChallengeController {

    private final ChallengeService challenge;

    ChallengeController(ChallengeService challenge) {
        this.challenge = challenge;
    }

    @Post
    @Status(HttpStatus.CREATED)
    public QuizViews.RunView start(Authentication authentication) {
        return challenge.start(Caller.of(authentication));
    }

    @Get("/{runId}")
    public QuizViews.RunView get(Authentication authentication, long runId) {
        return challenge.get(Caller.of(authentication), runId);
    }

    @Put("/{runId}/answers/{number}")
    public QuizViews.RunView answer(Authentication authentication, long runId, int number,
                                      @Body ContestViews.AnswerRequest body) {
        return challenge.answer(Caller.of(authentication), runId, number, body.answer());
    }
}
