package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsAward;
import app.vanguard.points.PointsService;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.PageResponse;
import app.vanguard.shared.BusinessTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Daily practice (每日答题) and the wrong-answer book (错题本). Each answer shows the right answer and the
 * explanation at once; a right daily-practice answer earns points through the ledger (capped per day).
 */
@Singleton
public class PracticeService {

    private final PracticeStore tx;
    private final QuizAccess access;
    private final PointsService points;
    private final QuizSettings.Practice config;
    private final Clock clock;

    PracticeService(PracticeStore tx, QuizAccess access, PointsService points, QuizSettings.Practice config, Clock clock) {
        this.tx = tx;
        this.access = access;
        this.points = points;
        this.config = config;
        this.clock = clock;
    }

    @Serdeable
    public record PracticeQuestion(int position, long questionId, QuestionType type, String stem, List<String> options,
                                   @Nullable String myAnswer, @Nullable Feedback feedback) {
    }

    /** Shown once the member has answered. */
    @Serdeable
    public record Feedback(boolean correct, String correctAnswer, @Nullable String explanation) {
    }

    @Serdeable
    public record PracticeDay(java.time.LocalDate date, int answered, int correct, List<PracticeQuestion> questions) {
    }

    @Serdeable
    public record PracticeAnswer(int position, String answer, boolean correct, String correctAnswer,
                                 @Nullable String explanation, boolean duplicate, int pointsAwarded) {
    }

    @Serdeable
    public record WrongAnswer(long questionId, QuestionType type, String stem, List<String> options, int wrongCount,
                              int rightStreak) {
    }

    @Serdeable
    public record BookAnswer(long questionId, String answer, boolean correct, String correctAnswer,
                             @Nullable String explanation, int rightStreak, boolean mastered) {
    }

    PracticeDay today(Caller caller) {
        Organisation branch = access.branchOf(caller);
        LocalDate day = BusinessTime.today(clock);
        try {
            return tx.day(caller.memberId(), QuizAccess.selfAndAncestors(branch), day, config.getQuestionsPerDay(),
                    config.getAvoidDays());
        } catch (Sql.Duplicate raced) {
            // The same member opened it twice at once: the other request drew the set.
            return tx.day(caller.memberId(), QuizAccess.selfAndAncestors(branch), day, config.getQuestionsPerDay(),
                    config.getAvoidDays());
        }
    }

    PracticeAnswer answer(Caller caller, int position, String given) {
        access.branchOf(caller);
        LocalDate day = BusinessTime.today(clock);
        PracticeStore.Answered answered = tx.answer(caller.memberId(), day, position, given);
        int awarded = 0;
        if (answered.correct()) {
            // Idempotent: a retry finds the same ledger entry.
            PointsAward award = points.award(caller.memberId(), PointsAction.DAILY_PRACTICE,
                    "practice:" + day + ":" + answered.questionId(), config.getPointsPerCorrect());
            awarded = award.points();
        }
        return new PracticeAnswer(position, answered.answer(), answered.correct(), answered.correctAnswer(),
                answered.explanation(), answered.duplicate(), awarded);
    }

    PageResponse<WrongAnswer> wrongAnswers(Caller caller, int page, int size) {
        access.branchOf(caller);
        return new PageResponse<>(tx.book(caller.memberId(), size, PageResponse.offset(page, size)), page, size,
                tx.bookSize(caller.memberId()));
    }

    BookAnswer answerFromBook(Caller caller, long questionId, String given) {
        access.branchOf(caller);
        return tx.answerFromBook(caller.memberId(), questionId, given);
    }

    static ApiException notInBook(long questionId) {
        return ApiException.notFound("Question " + questionId + " in your wrong-answer book");
    }
}
