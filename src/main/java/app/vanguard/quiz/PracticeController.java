package app.vanguard.quiz;

import app.vanguard.org.Caller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import app.vanguard.shared.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** My daily practice (每日答题) and my wrong-answer book (错题本). Only ever the caller's own. */
@Controller("/practice")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PracticeController {

    private final PracticeService practice;

    PracticeController(PracticeService practice) {
        this.practice = practice;
    }

    @Get("/today")
    public PracticeService.PracticeDay today(Authentication authentication) {
        return practice.today(Caller.of(authentication));
    }

    @Put("/today/answers/{position}")
    public PracticeService.PracticeAnswer answer(Authentication authentication, int position,
                                                 @Body ContestViews.AnswerRequest body) {
        return practice.answer(Caller.of(authentication), position, body.answer());
    }

    @Get("/wrong-answers{?page,size}")
    public PageResponse<PracticeService.WrongAnswer> wrongAnswers(Authentication authentication,
                                                                  @QueryValue(defaultValue = "0") @Min(0) int page,
                                                                  @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return practice.wrongAnswers(Caller.of(authentication), page, size);
    }

    @Post("/wrong-answers/{questionId}/answer")
    public PracticeService.BookAnswer answerFromBook(Authentication authentication, long questionId,
                                                     @Body ContestViews.AnswerRequest body) {
        return practice.answerFromBook(Caller.of(authentication), questionId, body.answer());
    }
}
