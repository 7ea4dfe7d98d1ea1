package app.vanguard.quiz;

import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.PageResponse;
import app.vanguard.shared.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** An organisation's question bank: add one question, list them, import a file (all rows or none). */
@Singleton
public class QuestionService {

    private final QuestionStore store;
    private final Clock clock;

    public QuestionService(QuestionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional
    public QuizViews.QuestionView create(Organisation org, long createdBy, QuestionRules.Input input) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Question q = QuestionRules.check(org.id(), input, null, errors);
        if (q == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        long id = store.insert(q, createdBy, clock.millis());
        return QuizViews.QuestionView.of(store.byIds(List.of(id)).get(id));
    }

    @Transactional(readOnly = true)
    public PageResponse<QuizViews.QuestionView> page(Organisation org, int page, int size) {
        List<QuizViews.QuestionView> items = store.page(org.id(), size, (long) page * size).stream()
                .map(QuizViews.QuestionView::of).toList();
        return new PageResponse<>(items, page, size, store.count(org.id()));
    }

    /** Every row is checked first; one bad row rejects the file with every problem's row and column. */
    @Transactional
    public QuizViews.ImportResult importFile(Organisation org, long createdBy, byte[] body, String contentType) {
        List<app.vanguard.shared.TabularFile.FileRow> rows = QuestionFile.read(body, contentType);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        for (app.vanguard.shared.TabularFile.FileRow row : rows) {
            Question q = QuestionRules.check(org.id(), QuestionFile.toInput(row), row.row(), errors);
            if (q != null) {
                questions.add(q);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported", errors);
        }
        long now = clock.millis();
        List<Long> ids = new ArrayList<>();
        for (Question q : questions) {
            ids.add(store.insert(q, createdBy, now));
        }
        return new QuizViews.ImportResult(ids.size(), ids);
    }
}
