package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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

    @Serdeable
    public record QuestionRequest(@NotNull QuestionType type, @NotBlank @Size(max = 2000) String stem,
                                  @Nullable @Size(max = 6) List<String> options, @NotBlank @Size(max = 500) String answer,
                                  @Nullable @Size(max = 2000) String explanation, @NotNull Difficulty difficulty,
                                  @Nullable @Size(max = 10) List<String> tags, @Nullable @Positive Long sourceArticleId) {
        QuestionRules.Input input() {
            return new QuestionRules.Input(type.name(), stem, options == null ? List.of() : options, answer,
                    explanation, difficulty.name(), tags == null ? List.of() : tags,
                    sourceArticleId == null ? null : sourceArticleId.toString());
        }
    }
}
