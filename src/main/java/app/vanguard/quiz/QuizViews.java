package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON shapes of the quiz endpoints. */
public final class QuizViews {

    private QuizViews() {
    }

    /** A bank question as its managers see it, answer included. Never sent to contestants. */
    @Serdeable
    public record QuestionView(long id, long orgId, QuestionType type, String stem, List<String> options, String answer,
                               @Nullable String explanation, Difficulty difficulty, List<String> tags,
                               @Nullable Long sourceArticleId) {
        static QuestionView of(Question q) {
            return new QuestionView(q.id(), q.orgId(), q.type(), q.stem(), q.options(), QuestionRules.displayAnswer(q),
                    q.explanation(), q.difficulty(), q.tags(), q.sourceArticleId());
        }
    }

    @Serdeable
    public record ImportResult(int created, List<Long> ids) {
    }
}
