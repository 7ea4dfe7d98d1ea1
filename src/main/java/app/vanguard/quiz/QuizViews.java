package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
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

    // ---- challenge (挑战答题) ----

    @Serdeable
    public record ChallengeQuestion(int number, QuestionType type, String stem, List<String> options,
                                    Instant deadline) {
    }

    /** How the last answer went: shown once answered, with the right answer and explanation. */
    @Serdeable
    public record LastAnswer(int number, String answer, boolean correct, String correctAnswer,
                             @Nullable String explanation) {
    }

    @Serdeable
    public record RunView(long id, String status, int length, @Nullable String endReason, Instant serverNow,
                          @Nullable ChallengeQuestion question, @Nullable LastAnswer lastAnswer, int pointsAwarded) {
    }
}
