package app.vanguard.quiz;

import app.vanguard.org.Caller;
import app.vanguard.shared.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/** An organisation's question bank (题库), managed by its admins (and a branch's secretary for a branch bank). */
@Controller("/orgs/{orgId}/questions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class QuestionController {

    private final QuizAccess access;
    private final QuestionService questions;

    QuestionController(QuizAccess access, QuestionService questions) {
        this.access = access;
        this.questions = questions;
    }

    @Post
    @Status(HttpStatus.CREATED)
    public QuizViews.QuestionView create(Authentication authentication, long orgId, @Body @Valid QuizViews.QuestionRequest body) {
        Caller caller = Caller.of(authentication);
        return questions.create(access.requireManage(caller, orgId), caller.memberId(), body.input());
    }

    @Get("{?page,size}")
    public PageResponse<QuizViews.QuestionView> list(Authentication authentication, long orgId,
                                                    @QueryValue(defaultValue = "0") @Min(0) int page,
                                                    @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return questions.page(access.requireManage(Caller.of(authentication), orgId), page, size);
    }

    /** Import from CSV or .xlsx: all rows or none. */
    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, QuestionFile.XLSX})
    @Status(HttpStatus.CREATED)
    public QuizViews.ImportResult importFile(Authentication authentication, long orgId,
                                             @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Body byte[] body) {
        Caller caller = Caller.of(authentication);
        return questions.importFile(access.requireManage(caller, orgId), caller.memberId(), body, contentType);
    }

    /** The question-bank import template: a header row in Chinese and one example question. */
    @Get(value = "/import/template.xlsx", produces = QuestionFile.XLSX)
    public HttpResponse<byte[]> importTemplate(Authentication authentication, long orgId) {
        access.requireManage(Caller.of(authentication), orgId);
        return HttpResponse.ok(QuestionFile.templateXlsx()).contentType(QuestionFile.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"question-template.xlsx\"");
    }
}
