package app.vanguard.quiz;

import app.vanguard.quiz.QuizViews.ChallengeQuestion;
import app.vanguard.quiz.QuizViews.LastAnswer;
import app.vanguard.quiz.QuizViews.RunView;
import app.vanguard.shared.Sql;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.TooManyRequestsException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Challenge runs (挑战答题): the server draws one question at a time and keeps its deadline; a right answer in time
 * brings the next question, a wrong or late one ends the run. The answer to a question is given once.
 */
@Singleton
public class ChallengeStore {

    private static final Random RANDOM = new SecureRandom();

    private final Sql db;
    private final QuestionStore questions;
    private final QuizSettings config;
    private final QuizSettings.Challenge challenge;
    private final ReservedQuestions reserved;
    private final Clock clock;

    ChallengeStore(Sql db, QuestionStore questions, QuizSettings config, QuizSettings.Challenge challenge,
                   ReservedQuestions reserved, Clock clock) {
        this.reserved = reserved;
        this.db = db;
        this.questions = questions;
        this.config = config;
        this.challenge = challenge;
        this.clock = clock;
    }

    record Run(long id, long memberId, long startedAtMs, @Nullable Long endedAtMs, @Nullable String endReason,
               int length, int questionNumber, long questionId, @Nullable String optionOrder, long questionDeadlineMs,
               @Nullable String lastAnswer, @Nullable Boolean lastCorrect) {
    }


    @Transactional
    public Run start(long memberId, List<Long> bankOrgIds) {
        long now = clock.millis();
        LocalDate today = BusinessTime.dateOf(clock.instant());
        // Serialise one member's starts on their member row's runs of today: the limit cannot be raced.
        long started = db.count("SELECT COUNT(*) FROM quiz_challenge_run WHERE member_id = ? AND business_date = ? "
                + "FOR UPDATE", memberId, Date.valueOf(today));
        if (started >= challenge.getRunsPerDay()) {
            long untilMidnight = java.time.Duration.between(clock.instant(),
                    today.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant()).toSeconds();
            throw new TooManyRequestsException("At most " + challenge.getRunsPerDay()
                    + " challenge runs a day; try again tomorrow", untilMidnight, "CHALLENGE_DAILY_LIMIT");
        }
        db.update("UPDATE quiz_challenge_run SET ended_at_ms = ?, end_reason = 'ABANDONED' WHERE member_id = ? "
                + "AND ended_at_ms IS NULL", now, memberId);
        Long qid = draw(bankOrgIds, Set.of());
        if (qid == null) {
            throw ApiException.conflict("NOT_ENOUGH_QUESTIONS", "Your organisations' banks hold no question");
        }
        Question q = questions.byIds(List.of(qid)).get(qid);
        long id = db.insert("INSERT INTO quiz_challenge_run (member_id, business_date, started_at_ms, question_number, "
                        + "question_id, option_order, question_deadline_ms) VALUES (?, ?, ?, 1, ?, ?, ?)", memberId,
                Date.valueOf(BusinessTime.dateOf(clock.instant())), now, qid, order(q), deadline(now));
        db.update("INSERT INTO quiz_challenge_seen (run_id, question_id) VALUES (?, ?)", id, qid);
        return find(id, memberId, false);
    }

    /** The run; an open run whose question's time (plus grace) is up ends here as LATE. */
    @Transactional
    public Run load(long runId, long memberId) {
        Run run = find(runId, memberId, true);
        if (run.endedAtMs() == null && clock.millis() > run.questionDeadlineMs() + config.graceMs()) {
            end(run.id(), "LATE", run.questionDeadlineMs());
            return find(runId, memberId, false);
        }
        return run;
    }

    record Answered(Run run, @Nullable LastAnswer outcome) {
    }

    @Transactional
    public Answered answer(long runId, long memberId, int number, String given, List<Long> bankOrgIds) {
        Run run = find(runId, memberId, true);
        Question q = questions.byIds(List.of(run.questionId())).get(run.questionId());
        if (number == run.questionNumber() - 1) {
            return new Answered(run, null); // a retry of the answer that moved the run on (it was right)
        }
        if (number != run.questionNumber()) {
            throw ApiException.conflict("ANSWER_LOCKED", "Question " + number + " is not the current question");
        }
        String normalised = QuestionRules.normaliseGiven(q, given);
        if (normalised == null) {
            throw ApiException.invalid("answer", "not an answer to this question");
        }
        if (run.lastAnswer() != null) {
            if (!run.lastAnswer().equals(normalised)) {
                throw ApiException.conflict("ANSWER_LOCKED", "Question " + number + " was already answered");
            }
            return new Answered(run, null); // a retry
        }
        if (run.endedAtMs() != null) {
            throw ApiException.conflict("RUN_ENDED", "This run has ended");
        }
        long now = clock.millis();
        if (reserved.at(now).contains(q.id())) {
            // Drawn before a contest that may use it was announced: the run ends here, revealing nothing.
            end(run.id(), "WITHDRAWN", now);
            return new Answered(find(runId, memberId, false), null);
        }
        if (now > run.questionDeadlineMs() + config.graceMs()) {
            // Too late: the answer is not taken and the run ends (status ENDED, endReason LATE).
            end(run.id(), "LATE", run.questionDeadlineMs());
            return new Answered(find(runId, memberId, false), null);
        }
        int[] order = QuestionRules.decodeOrder(run.optionOrder(), q.options().size());
        boolean correct = QuestionRules.isCorrect(q, order, normalised);
        LastAnswer outcome = new LastAnswer(number, normalised, correct, QuestionRules.displayAnswer(q, order),
                q.explanation());
        db.update("UPDATE quiz_challenge_run SET last_answer = ?, last_correct = ? WHERE id = ?", normalised, correct,
                run.id());
        if (!correct) {
            end(run.id(), "WRONG", now);
            return new Answered(find(runId, memberId, false), outcome);
        }
        db.update("UPDATE quiz_challenge_run SET length = length + 1 WHERE id = ?", run.id());
        Set<Long> seen = new HashSet<>(db.list("SELECT question_id FROM quiz_challenge_seen WHERE run_id = ?",
                rs -> rs.getLong(1), run.id()));
        Long next = draw(bankOrgIds, seen);
        if (next == null) {
            end(run.id(), "EXHAUSTED", now);
            return new Answered(find(runId, memberId, false), outcome);
        }
        Question nq = questions.byIds(List.of(next)).get(next);
        db.update("INSERT INTO quiz_challenge_seen (run_id, question_id) VALUES (?, ?)", run.id(), next);
        db.update("UPDATE quiz_challenge_run SET question_number = question_number + 1, question_id = ?, option_order = ?, "
                + "question_deadline_ms = ?, last_answer = NULL, last_correct = NULL WHERE id = ?", next, order(nq),
                deadline(now), run.id());
        return new Answered(find(runId, memberId, false), outcome);
    }

    /** The view of a run; the previous question's outcome is given while the current one is unanswered. */
    @Transactional(readOnly = true)
    public RunView view(Run run, @Nullable LastAnswer previous, int pointsAwarded) {
        Question q = questions.byIds(List.of(run.questionId())).get(run.questionId());
        int[] order = QuestionRules.decodeOrder(run.optionOrder(), q.options().size());
        boolean open = run.endedAtMs() == null;
        ChallengeQuestion current = open ? new ChallengeQuestion(run.questionNumber(), q.type(), q.stem(),
                QuestionRules.shown(q, order), Instant.ofEpochMilli(run.questionDeadlineMs())) : null;
        LastAnswer last = previous;
        if (run.lastAnswer() != null) {
            last = new LastAnswer(run.questionNumber(), run.lastAnswer(), Boolean.TRUE.equals(run.lastCorrect()),
                    QuestionRules.displayAnswer(q, order), q.explanation());
        }
        return new RunView(run.id(), open ? "OPEN" : "ENDED", run.length(), run.endReason(), clock.instant(), current,
                last, pointsAwarded);
    }

    private void end(long runId, String reason, long atMs) {
        db.update("UPDATE quiz_challenge_run SET ended_at_ms = ?, end_reason = ? WHERE id = ? AND ended_at_ms IS NULL",
                atMs, reason, runId);
    }

    private @Nullable Long draw(List<Long> bankOrgIds, Set<Long> seen) {
        List<Long> pool = new ArrayList<>(questions.candidates(bankOrgIds, null, List.of()));
        pool.removeAll(seen);
        pool.removeAll(reserved.at(clock.millis())); // a running or scheduled contest may draw them
        return pool.isEmpty() ? null : pool.get(RANDOM.nextInt(pool.size()));
    }

    private long deadline(long now) {
        return now + challenge.getSecondsPerQuestion() * 1000L;
    }

    private static @Nullable String order(Question q) {
        if (q.options().isEmpty()) {
            return null;
        }
        int[] order = QuestionRules.identity(q.options().size());
        if (q.type().shuffles()) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = RANDOM.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return QuestionRules.encodeOrder(order);
    }

    private Run find(long runId, long memberId, boolean lock) {
        Optional<Run> run = db.one("SELECT * FROM quiz_challenge_run WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                ChallengeStore::run, runId);
        return run.filter(r -> r.memberId() == memberId).orElseThrow(() -> ApiException.notFound("Challenge run " + runId));
    }

    private static Run run(ResultSet rs) throws SQLException {
        Boolean lastCorrect = rs.getBoolean("last_correct");
        if (rs.wasNull()) {
            lastCorrect = null;
        }
        return new Run(rs.getLong("id"), rs.getLong("member_id"), rs.getLong("started_at_ms"),
                Sql.nullableLong(rs, "ended_at_ms"), rs.getString("end_reason"), rs.getInt("length"),
                rs.getInt("question_number"), rs.getLong("question_id"), rs.getString("option_order"),
                rs.getLong("question_deadline_ms"), rs.getString("last_answer"), lastCorrect);
    }
}
