package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the contest endpoints. Nothing here sent to a contestant carries a correct answer, except
 * {@link Review}, which is only filled after the contest ended and only when the organiser allows it. */
public final class ContestViews {

    private ContestViews() {
    }

    @Serdeable
    public record DifficultyMix(int easy, int medium, int hard) {
    }

    @Serdeable
    public record ContestView(long id, long orgId, String title, Instant startsAt, Instant endsAt, int timeLimitSeconds,
                              int questionCount, List<String> tags, @Nullable DifficultyMix difficultyMix,
                              int pointsPerQuestion, int pointsBudget, int attemptsAllowed, boolean revealAnswers,
                              String state, boolean frozen, Instant serverNow) {
        static ContestView of(Contest c, long nowMs, int pointsBudget) {
            DifficultyMix mix = c.hasMix() ? new DifficultyMix(c.easyCount(), c.mediumCount(), c.hardCount()) : null;
            return new ContestView(c.id(), c.orgId(), c.title(), Instant.ofEpochMilli(c.startsAtMs()),
                    Instant.ofEpochMilli(c.endsAtMs()), c.timeLimitSeconds(), c.questionCount(), c.tags(), mix,
                    c.pointsPerQuestion(), pointsBudget, c.attemptsAllowed(), c.revealAnswers(), c.state(nowMs),
                    c.frozenAtMs() != null, Instant.ofEpochMilli(nowMs));
        }
    }

    /** Only after the contest ended, and only if the organiser reveals answers. */
    @Serdeable
    public record Review(boolean correct, String correctAnswer, @Nullable String explanation) {
    }

    @Serdeable
    public record AttemptQuestionView(int position, QuestionType type, String stem, List<String> options,
                                      @Nullable String myAnswer, @Nullable Review review) {
    }

    @Serdeable
    public record AttemptResult(int score, int correctCount, int questionCount, long timeUsedMs) {
    }

    @Serdeable
    public record AttemptView(long id, long contestId, int attemptNo, String status, Instant startedAt, Instant deadline,
                              Instant serverNow, long remainingMs, @Nullable Instant finishedAt,
                              @Nullable AttemptResult result, List<AttemptQuestionView> questions) {
    }

    @Serdeable
    public record AnswerRequest(@Nullable String answer) {
    }

    @Serdeable
    public record AnswerReceipt(int position, String answer, boolean duplicate) {
    }

    @Serdeable
    public record SubmitAnswer(int position, @Nullable String answer) {
    }

    @Serdeable
    public record SubmitRequest(@Nullable List<SubmitAnswer> answers) {
    }

    @Serdeable
    public record BoardEntry(int rank, long memberId, String name, @Nullable Long branchId, int score, int correctCount,
                             long timeUsedMs, Instant finishedAt) {
    }

    @Serdeable
    public record Leaderboard(long contestId, @Nullable Long branchId, boolean frozen, long total,
                              List<BoardEntry> entries, @Nullable BoardEntry me) {
    }

    @Serdeable
    public record BranchParticipation(long branchId, String branchName, long members, long participants,
                                      double rate) {
    }

    @Serdeable
    public record Participation(long contestId, long members, long participants, double rate,
                                List<BranchParticipation> branches) {
    }

    @Serdeable
    public record MyResult(long contestId, String state, boolean frozen, int attemptsUsed, int attemptsAllowed,
                           @Nullable Long bestAttemptId, @Nullable AttemptResult best, @Nullable Integer rank,
                           long total, @Nullable Double percentile, @Nullable Integer branchRank, long branchTotal) {
    }

    @Serdeable
    public record QuestionStat(long questionId, QuestionType type, String stem, long shown, long answered,
                               long correct, double correctRate) {
    }

    @Serdeable
    public record QuestionStats(long contestId, List<QuestionStat> questions) {
    }

    /** A file to download: its bytes, content type and name. */
    public record ExportFile(byte[] body, String contentType, String fileName) {
    }

    @Serdeable
    public record ContestRequest(@NotBlank @Size(max = 200) String title, @NotNull Instant startsAt,
                                 @NotNull Instant endsAt,
                                 @Min(10) @Max(ContestService.MAX_TIME_LIMIT_SECONDS) int timeLimitSeconds,
                                 @Min(1) @Max(200) int questionCount, @Nullable @Size(max = 10) List<String> tags,
                                 @Nullable @Valid ContestViews.DifficultyMix difficultyMix,
                                 @Min(0) @Max(100) int pointsPerQuestion, @Min(1) @Max(20) int attemptsAllowed,
                                 boolean revealAnswers) {
    }
}
