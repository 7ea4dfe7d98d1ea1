package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** The transactional side of daily practice and the wrong-answer book. */
@Singleton
public class PracticeStore {

    static final int MASTERED_AFTER = 2;
    private static final Random RANDOM = new SecureRandom();

    private final Sql db;
    private final QuestionStore questions;
    private final ReservedQuestions reserved;
    private final Clock clock;

    PracticeStore(Sql db, QuestionStore questions, ReservedQuestions reserved, Clock clock) {
        this.db = db;
        this.questions = questions;
        this.reserved = reserved;
        this.clock = clock;
    }

    private record Item(int position, long questionId, @Nullable String answer, boolean correct) {
    }

    private List<Item> items(long memberId, LocalDate day, boolean lock) {
        return db.list("SELECT position, question_id, answer, correct FROM quiz_practice_item WHERE member_id = ? "
                        + "AND business_date = ? ORDER BY position" + (lock ? " FOR UPDATE" : ""),
                rs -> new Item(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)), memberId,
                Date.valueOf(day));
    }

    /** The day's set, drawn when first opened: unseen questions first (not in the last {@code avoidDays} days). */
    @Transactional
    public PracticeService.PracticeDay day(long memberId, List<Long> bankOrgIds, LocalDate day, int n, int avoidDays) {
        List<Item> items = items(memberId, day, false);
        Set<Long> secret = reserved.at(clock.millis());
        if (items.isEmpty()) {
            List<Long> pool = new ArrayList<>(questions.candidates(bankOrgIds, null, List.of()));
            pool.removeAll(secret); // a running or scheduled contest may draw them
            Set<Long> recent = new HashSet<>(db.list("SELECT DISTINCT question_id FROM quiz_practice_item "
                            + "WHERE member_id = ? AND business_date >= ? AND business_date < ?", rs -> rs.getLong(1),
                    memberId, Date.valueOf(day.minusDays(avoidDays)), Date.valueOf(day)));
            List<Long> unseen = new ArrayList<>(pool.stream().filter(q -> !recent.contains(q)).toList());
            List<Long> seen = new ArrayList<>(pool.stream().filter(recent::contains).toList());
            Collections.shuffle(unseen, RANDOM);
            Collections.shuffle(seen, RANDOM);
            unseen.addAll(seen);
            List<Long> drawn = unseen.subList(0, Math.min(n, unseen.size()));
            int position = 1;
            for (Long qid : drawn) {
                db.update("INSERT INTO quiz_practice_item (member_id, business_date, position, question_id) "
                        + "VALUES (?, ?, ?, ?)", memberId, Date.valueOf(day), position++, qid);
            }
            items = items(memberId, day, false);
        }
        Map<Long, Question> byId = questions.byIds(items.stream().map(Item::questionId).toList());
        List<PracticeService.PracticeQuestion> out = new ArrayList<>();
        int answered = 0;
        int correct = 0;
        for (Item item : items) {
            Question q = byId.get(item.questionId());
            PracticeService.Feedback feedback = null;
            if (item.answer() != null) {
                answered++;
                correct += item.correct() ? 1 : 0;
            }
            if (item.answer() != null && !secret.contains(q.id())) {
                feedback = new PracticeService.Feedback(item.correct(), QuestionRules.displayAnswer(q), q.explanation());
            }
            out.add(new PracticeService.PracticeQuestion(item.position(), q.id(), q.type(), q.stem(), q.options(),
                    item.answer(), feedback));
        }
        return new PracticeService.PracticeDay(day, answered, correct, out);
    }

    record Answered(long questionId, String answer, boolean correct, String correctAnswer, @Nullable String explanation,
                    boolean duplicate) {
    }

    /** Answers one question of the day's set, once: the same answer again is a no-op, another one is refused. */
    @Transactional
    public Answered answer(long memberId, LocalDate day, int position, String given) {
        Item item = items(memberId, day, true).stream().filter(i -> i.position() == position).findFirst()
                .orElseThrow(() -> ApiException.notFound("Question " + position + " of today's practice"));
        requireNotReserved(item.questionId());
        Question q = questions.byIds(List.of(item.questionId())).get(item.questionId());
        String normalised = QuestionRules.normaliseGiven(q, given);
        if (normalised == null) {
            throw ApiException.invalid("answer", q.type() == QuestionType.FILL_IN ? "the answer text is required"
                    : "must be option letters among those shown");
        }
        if (item.answer() != null) {
            if (!item.answer().equals(normalised)) {
                throw ApiException.conflict("ANSWER_LOCKED", "Question " + position + " was already answered today");
            }
            return new Answered(q.id(), item.answer(), item.correct(), QuestionRules.displayAnswer(q), q.explanation(),
                    true);
        }
        boolean correct = QuestionRules.isCorrect(q, QuestionRules.identity(q.options().size()), normalised);
        long now = clock.millis();
        db.update("UPDATE quiz_practice_item SET answer = ?, correct = ?, answered_at_ms = ? WHERE member_id = ? "
                + "AND business_date = ? AND position = ?", normalised, correct, now, memberId, Date.valueOf(day), position);
        recordInBook(memberId, q.id(), correct, now);
        return new Answered(q.id(), normalised, correct, QuestionRules.displayAnswer(q), q.explanation(), false);
    }

    /** A question drawn before a contest that may use it was announced is not answered until that contest ends. */
    private void requireNotReserved(long questionId) {
        if (reserved.at(clock.millis()).contains(questionId)) {
            throw ApiException.conflict("QUESTION_IN_CONTEST", "This question belongs to a contest that has not "
                    + "ended yet; answer it after the contest");
        }
    }

    /** A wrong answer puts the question in the book (again); a right one counts towards leaving it. */
    private int recordInBook(long memberId, long questionId, boolean correct, long now) {
        if (!correct) {
            db.update("INSERT INTO quiz_wrong_answer (member_id, question_id, wrong_count, right_streak, last_wrong_at_ms) "
                    + "VALUES (?, ?, 1, 0, ?) ON DUPLICATE KEY UPDATE wrong_count = wrong_count + 1, right_streak = 0, "
                    + "last_wrong_at_ms = VALUES(last_wrong_at_ms)", memberId, questionId, now);
            return 0;
        }
        Optional<Integer> streak = db.one("SELECT right_streak FROM quiz_wrong_answer WHERE member_id = ? "
                + "AND question_id = ? FOR UPDATE", rs -> rs.getInt(1), memberId, questionId);
        if (streak.isEmpty()) {
            return MASTERED_AFTER;
        }
        int now2 = streak.get() + 1;
        if (now2 >= MASTERED_AFTER) {
            db.update("DELETE FROM quiz_wrong_answer WHERE member_id = ? AND question_id = ?", memberId, questionId);
        } else {
            db.update("UPDATE quiz_wrong_answer SET right_streak = ? WHERE member_id = ? AND question_id = ?", now2,
                    memberId, questionId);
        }
        return now2;
    }

    @Transactional(readOnly = true)
    public List<PracticeService.WrongAnswer> book(long memberId, int limit, long offset) {
        record Row(long questionId, int wrongCount, int rightStreak) {
        }
        List<Row> rows = db.list("SELECT question_id, wrong_count, right_streak FROM quiz_wrong_answer "
                        + "WHERE member_id = ? ORDER BY last_wrong_at_ms DESC, question_id LIMIT ? OFFSET ?",
                rs -> new Row(rs.getLong(1), rs.getInt(2), rs.getInt(3)), memberId, limit, offset);
        Map<Long, Question> byId = questions.byIds(rows.stream().map(Row::questionId).toList());
        return rows.stream().map(r -> {
            Question q = byId.get(r.questionId());
            return new PracticeService.WrongAnswer(q.id(), q.type(), q.stem(), q.options(), r.wrongCount(),
                    r.rightStreak());
        }).toList();
    }

    @Transactional(readOnly = true)
    public long bookSize(long memberId) {
        return db.count("SELECT COUNT(*) FROM quiz_wrong_answer WHERE member_id = ?", memberId);
    }

    /** Practises a question of the book: right twice in a row and it leaves the book. */
    @Transactional
    public PracticeService.BookAnswer answerFromBook(long memberId, long questionId, String given) {
        Optional<Integer> inBook = db.one("SELECT right_streak FROM quiz_wrong_answer WHERE member_id = ? "
                + "AND question_id = ? FOR UPDATE", rs -> rs.getInt(1), memberId, questionId);
        if (inBook.isEmpty()) {
            throw PracticeService.notInBook(questionId);
        }
        requireNotReserved(questionId);
        Question q = questions.byIds(List.of(questionId)).get(questionId);
        String normalised = QuestionRules.normaliseGiven(q, given);
        if (normalised == null) {
            throw ApiException.invalid("answer", q.type() == QuestionType.FILL_IN ? "the answer text is required"
                    : "must be option letters among those shown");
        }
        boolean correct = QuestionRules.isCorrect(q, QuestionRules.identity(q.options().size()), normalised);
        int streak = recordInBook(memberId, questionId, correct, clock.millis());
        return new PracticeService.BookAnswer(questionId, normalised, correct, QuestionRules.displayAnswer(q),
                q.explanation(), streak, streak >= MASTERED_AFTER);
    }
}
