package app.vanguard.quiz;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quiz's personal data: contest attempts and their answers, daily practice, the wrong-answer book and challenge
 * runs. Erasure blanks the answers as given (free text of fill-in questions) and deletes the wrong-answer book; it
 * keeps every attempt, its score, correct count and time, each answer's right/wrong flag, the frozen results and
 * the challenge runs' lengths, so leaderboards, contest figures and the points ledger do not change.
 */
@Singleton
public class QuizPrivacyStore implements PersonalData {

    private final Sql sql;

    public QuizPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("quizAttempts", sql.rows("SELECT a.id, a.contest_id, c.title, a.attempt_no, a.started_at_ms, "
                + "a.finished_at_ms, a.score, a.correct_count, a.time_used_ms FROM quiz_attempt a "
                + "JOIN quiz_contest c ON c.id = a.contest_id WHERE a.member_id = ? ORDER BY a.id", memberId));
        out.put("quizAnswers", sql.rows("SELECT aa.attempt_id, aa.question_id, aa.position, aa.answer, aa.correct, "
                + "aa.answered_at_ms FROM quiz_attempt_answer aa JOIN quiz_attempt a ON a.id = aa.attempt_id "
                + "WHERE a.member_id = ? ORDER BY aa.attempt_id, aa.position", memberId));
        out.put("quizPractice", sql.rows("SELECT business_date, position, question_id, answer, correct, answered_at_ms "
                + "FROM quiz_practice_item WHERE member_id = ? ORDER BY business_date, position", memberId));
        out.put("quizWrongAnswers", sql.rows("SELECT question_id, wrong_count, right_streak, last_wrong_at_ms "
                + "FROM quiz_wrong_answer WHERE member_id = ? ORDER BY question_id", memberId));
        out.put("quizChallengeRuns", sql.rows("SELECT id, business_date, started_at_ms, ended_at_ms, end_reason, length "
                + "FROM quiz_challenge_run WHERE member_id = ? ORDER BY id", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE quiz_attempt_answer aa JOIN quiz_attempt a ON a.id = aa.attempt_id SET aa.answer = '' "
                + "WHERE a.member_id = ?", memberId);
        sql.update("UPDATE quiz_practice_item SET answer = NULL WHERE member_id = ? AND answer IS NOT NULL", memberId);
        sql.update("UPDATE quiz_challenge_run SET last_answer = NULL WHERE member_id = ?", memberId);
        sql.update("DELETE FROM quiz_wrong_answer WHERE member_id = ?", memberId);
    }
}
