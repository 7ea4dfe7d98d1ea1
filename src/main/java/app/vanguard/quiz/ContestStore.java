package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contest tables. Callers hold the transaction. */
@Singleton
class ContestStore {

    /** Best first: score, then less time used, then earlier finish, then member id (so ranks are strict). */
    static final String BEST_ORDER = "score DESC, time_used_ms ASC, finished_at_ms ASC, member_id ASC";

    private final Sql db;

    ContestStore(Sql db) {
        this.db = db;
    }

    long insert(Contest c) {
        return db.insert("INSERT INTO quiz_contest (org_id, title, starts_at_ms, ends_at_ms, time_limit_seconds, "
                        + "question_count, tags, easy_count, medium_count, hard_count, points_per_question, attempts_allowed, "
                        + "reveal_answers, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.orgId(), c.title(), c.startsAtMs(), c.endsAtMs(), c.timeLimitSeconds(), c.questionCount(),
                QuestionStore.encodeTags(c.tags()), c.easyCount(), c.mediumCount(), c.hardCount(), c.pointsPerQuestion(),
                c.attemptsAllowed(), c.revealAnswers(), c.createdBy(), c.createdAtMs());
    }

    Optional<Contest> find(long id) {
        return db.one("SELECT * FROM quiz_contest WHERE id = ?", ContestStore::contest, id);
    }

    Optional<Contest> lock(long id) {
        return db.one("SELECT * FROM quiz_contest WHERE id = ? FOR UPDATE", ContestStore::contest, id);
    }

    List<Contest> forOrgs(List<Long> orgIds, int limit, long offset) {
        String in = String.join(",", orgIds.stream().map(i -> "?").toList());
        Object[] args = new Object[orgIds.size() + 2];
        for (int i = 0; i < orgIds.size(); i++) {
            args[i] = orgIds.get(i);
        }
        args[orgIds.size()] = limit;
        args[orgIds.size() + 1] = offset;
        return db.list("SELECT * FROM quiz_contest WHERE org_id IN (" + in + ") ORDER BY starts_at_ms DESC, id DESC "
                + "LIMIT ? OFFSET ?", ContestStore::contest, args);
    }

    long countForOrgs(List<Long> orgIds) {
        String in = String.join(",", orgIds.stream().map(i -> "?").toList());
        return db.count("SELECT COUNT(*) FROM quiz_contest WHERE org_id IN (" + in + ")", orgIds.toArray());
    }

    /** Contests scheduled or running at {@code nowMs} (their questions are kept secret). */
    List<Contest> unended(long nowMs) {
        return db.list("SELECT * FROM quiz_contest WHERE ends_at_ms > ?", ContestStore::contest, nowMs);
    }

    /** Contests started and not frozen yet: their boards are live. */
    List<Long> liveUnfrozen(long nowMs) {
        return db.list("SELECT id FROM quiz_contest WHERE frozen_at_ms IS NULL AND starts_at_ms <= ? ORDER BY id LIMIT 100",
                rs -> rs.getLong(1), nowMs);
    }

    List<Long> endedUnfrozen(long nowMs, long graceMs) {
        return db.list("SELECT id FROM quiz_contest WHERE frozen_at_ms IS NULL AND ends_at_ms + ? < ? ORDER BY id LIMIT 100",
                rs -> rs.getLong(1), graceMs, nowMs);
    }

    void markFrozen(long contestId, long nowMs) {
        db.update("UPDATE quiz_contest SET frozen_at_ms = ? WHERE id = ?", nowMs, contestId);
        db.update("INSERT INTO quiz_contest_award (contest_id, state, created_at_ms) VALUES (?, 'PENDING', ?)",
                contestId, nowMs);
    }

    // --- award jobs (quiz_contest_award)

    /**
     * Takes the lease of one pending award job whose lease is free or expired: one conditional UPDATE, so of
     * several instances exactly one wins it. Returns the contest id, if a job was taken.
     */
    Optional<Long> claimAward(String owner, long nowMs, long leaseMs) {
        int taken = db.update("UPDATE quiz_contest_award SET lease_owner = ?, lease_until_ms = ?, runs = runs + 1 "
                + "WHERE state = 'PENDING' AND (lease_until_ms IS NULL OR lease_until_ms < ?) "
                + "ORDER BY contest_id LIMIT 1", owner, nowMs + leaseMs, nowMs);
        if (taken == 0) {
            return Optional.empty();
        }
        return db.one("SELECT contest_id FROM quiz_contest_award WHERE lease_owner = ? AND state = 'PENDING'",
                rs -> rs.getLong(1), owner);
    }

    /** Extends the lease while its holder works; false if the lease was lost (expired and taken by another). */
    boolean renewAward(long contestId, String owner, long untilMs) {
        return db.update("UPDATE quiz_contest_award SET lease_until_ms = ? WHERE contest_id = ? AND lease_owner = ? "
                + "AND state = 'PENDING'", untilMs, contestId, owner) == 1;
    }

    boolean finishAward(long contestId, String owner, int awarded, long nowMs) {
        return db.update("UPDATE quiz_contest_award SET state = 'DONE', done_at_ms = ?, awarded = ?, last_error = NULL, "
                + "lease_owner = NULL, lease_until_ms = NULL WHERE contest_id = ? AND lease_owner = ?", nowMs, awarded,
                contestId, owner) == 1;
    }

    /** A failed run gives the job back, to be retried from {@code retryAtMs} by any instance. */
    void failAward(long contestId, String owner, String error, long retryAtMs) {
        db.update("UPDATE quiz_contest_award SET last_error = ?, lease_owner = NULL, lease_until_ms = ? "
                + "WHERE contest_id = ? AND lease_owner = ?", error.length() > 500 ? error.substring(0, 500) : error,
                retryAtMs, contestId, owner);
    }

    Optional<String> awardState(long contestId) {
        return db.one("SELECT state FROM quiz_contest_award WHERE contest_id = ?", rs -> rs.getString(1), contestId);
    }

    // --- attempts

    long insertAttempt(long contestId, long memberId, Long branchId, int attemptNo, long startedAtMs, long deadlineMs) {
        return db.insert("INSERT INTO quiz_attempt (contest_id, member_id, branch_id, attempt_no, started_at_ms, deadline_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?)", contestId, memberId, branchId, attemptNo, startedAtMs, deadlineMs);
    }

    /** An attempt's question set in one round trip: {attemptId, position, questionId, optionOrder} each. */
    void insertAttemptQuestions(List<Object[]> rows) {
        db.batch("INSERT INTO quiz_attempt_question (attempt_id, position, question_id, option_order) VALUES (?, ?, ?, ?)",
                rows);
    }

    /** The attempts of these members at these contests in one statement: {contestId, memberId} pairs. */
    List<Attempt> attemptsOf(List<long[]> contestAndMember) {
        if (contestAndMember.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> byContest = new java.util.LinkedHashMap<>();
        for (long[] cm : contestAndMember) {
            byContest.computeIfAbsent(cm[0], k -> new ArrayList<>()).add(cm[1]);
        }
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> e : byContest.entrySet()) {
            List<Long> members = e.getValue().stream().distinct().toList();
            where.append(where.length() == 0 ? "" : " OR ").append("(contest_id = ? AND member_id IN (")
                    .append(Sql.placeholders(members)).append("))");
            args.add(e.getKey());
            args.addAll(members);
        }
        return db.list("SELECT * FROM quiz_attempt WHERE " + where + " ORDER BY attempt_no", ContestStore::attempt,
                args.toArray());
    }

    /**
     * New attempts in one multi-row statement: {contestId, memberId, branchId, attemptNo, startedAtMs, deadlineMs}
     * each; their ids in row order. An attempt number taken meanwhile throws {@link Sql.Duplicate}, inserting none.
     */
    long[] insertAttempts(List<Object[]> rows) {
        return db.insertRowsReturningKeys("INSERT INTO quiz_attempt (contest_id, member_id, branch_id, attempt_no, "
                + "started_at_ms, deadline_ms) VALUES", rows);
    }

    /**
     * A start batch's last round trip: the new attempts' question sets in one multi-row statement ({attemptId,
     * position, questionId, optionOrder} each), then the sheets of the attempts already running.
     */
    Map<Long, Sheet> insertQuestionsReadingSheets(List<Object[]> questionRows, List<Long> runningIds) {
        List<Sql.Step> steps = new ArrayList<>(2);
        if (!questionRows.isEmpty()) {
            steps.add(Sql.Step.insertRows("INSERT INTO quiz_attempt_question (attempt_id, position, question_id, "
                    + "option_order) VALUES", questionRows, ""));
        }
        Map<Long, Sheet> sheets = new HashMap<>();
        if (!runningIds.isEmpty()) {
            steps.add(sheets(runningIds, sheets));
        }
        db.script(steps);
        return sheets;
    }

    List<Attempt> attemptsOf(long contestId, long memberId) {
        return db.list("SELECT * FROM quiz_attempt WHERE contest_id = ? AND member_id = ? ORDER BY attempt_no",
                ContestStore::attempt, contestId, memberId);
    }

    Optional<Attempt> attempt(long attemptId) {
        return db.one("SELECT * FROM quiz_attempt WHERE id = ?", ContestStore::attempt, attemptId);
    }

    /**
     * A submit batch's writes in one round trip: the new answers (body order; the first answer to a question stays),
     * then the attempts closed and scored as the caller computed them (from the answers it read and wrote under the
     * attempts' locks) in one multi-row statement — an attempt closed meanwhile keeps its values.
     */
    void writeSubmits(List<Object[]> answers, List<Attempt> finished) {
        List<Sql.Step> steps = new ArrayList<>(2);
        if (!answers.isEmpty()) {
            steps.add(Sql.Step.insertRows("INSERT INTO quiz_attempt_answer (attempt_id, question_id, position, "
                    + "answer, correct, answered_at_ms) VALUES", answers, "ON DUPLICATE KEY UPDATE attempt_id = attempt_id"));
        }
        if (!finished.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(finished.size());
            for (Attempt a : finished) {
                rows.add(new Object[] {a.id(), a.contestId(), a.memberId(), a.branchId(), a.attemptNo(),
                        a.startedAtMs(), a.deadlineMs(), a.finishedAtMs(), a.score(), a.correctCount(),
                        a.timeUsedMs()});
            }
            steps.add(Sql.Step.insertRows("INSERT INTO quiz_attempt (id, contest_id, member_id, branch_id, attempt_no, "
                    + "started_at_ms, deadline_ms, finished_at_ms, score, correct_count, time_used_ms) VALUES", rows,
                    "ON DUPLICATE KEY UPDATE score = IF(finished_at_ms IS NULL, VALUES(score), score), "
                    + "correct_count = IF(finished_at_ms IS NULL, VALUES(correct_count), correct_count), "
                    + "time_used_ms = IF(finished_at_ms IS NULL, VALUES(time_used_ms), time_used_ms), "
                    + "finished_at_ms = IF(finished_at_ms IS NULL, VALUES(finished_at_ms), finished_at_ms)"));
        }
        db.script(steps);
    }

    Optional<Attempt> lockAttempt(long attemptId) {
        return db.one("SELECT * FROM quiz_attempt WHERE id = ? FOR UPDATE", ContestStore::attempt, attemptId);
    }

    Optional<Attempt> bestAttempt(long contestId, long memberId) {
        return db.one("SELECT * FROM quiz_attempt WHERE contest_id = ? AND member_id = ? AND finished_at_ms IS NOT NULL "
                + "ORDER BY " + BEST_ORDER + ", id LIMIT 1", ContestStore::attempt, contestId, memberId);
    }

    /** Each member's best finished attempt, best first. */
    List<Attempt> bestAttempts(long contestId) {
        List<Attempt> all = db.list("SELECT * FROM quiz_attempt WHERE contest_id = ? AND finished_at_ms IS NOT NULL "
                + "ORDER BY " + BEST_ORDER + ", id", ContestStore::attempt, contestId);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        return all.stream().filter(a -> seen.add(a.memberId())).toList();
    }

    /** Closes an attempt and scores the answers it holds. Returns false if it was already closed. */
    boolean finish(Attempt a, long finishedAtMs, int pointsPerQuestion) {
        return db.update("UPDATE quiz_attempt SET finished_at_ms = ?, time_used_ms = ?, "
                        + "correct_count = (SELECT COUNT(*) FROM quiz_attempt_answer WHERE attempt_id = ? AND correct), "
                        + "score = ? * (SELECT COUNT(*) FROM quiz_attempt_answer WHERE attempt_id = ? AND correct) "
                        + "WHERE id = ? AND finished_at_ms IS NULL",
                finishedAtMs, finishedAtMs - a.startedAtMs(), a.id(), pointsPerQuestion, a.id(), a.id()) == 1;
    }

    /** Closes every attempt still open at the contest's end, as timed out. */
    int finishAllOpen(long contestId, int pointsPerQuestion) {
        return db.update("UPDATE quiz_attempt a SET a.finished_at_ms = a.deadline_ms, "
                        + "a.time_used_ms = a.deadline_ms - a.started_at_ms, "
                        + "a.correct_count = (SELECT COUNT(*) FROM quiz_attempt_answer x WHERE x.attempt_id = a.id AND x.correct), "
                        + "a.score = ? * (SELECT COUNT(*) FROM quiz_attempt_answer y WHERE y.attempt_id = a.id AND y.correct) "
                        + "WHERE a.contest_id = ? AND a.finished_at_ms IS NULL", pointsPerQuestion, contestId);
    }

    record AttemptQuestion(int position, long questionId, String optionOrder) {
    }

    List<AttemptQuestion> questionsOf(long attemptId) {
        return db.list("SELECT position, question_id, option_order FROM quiz_attempt_question WHERE attempt_id = ? "
                + "ORDER BY position", rs -> new AttemptQuestion(rs.getInt(1), rs.getLong(2), rs.getString(3)), attemptId);
    }

    /** An attempt's question set (by position) and the answers it holds (by question id). */
    record Sheet(List<AttemptQuestion> questions, Map<Long, Answer> answers) {
        static final Sheet EMPTY = new Sheet(List.of(), Map.of());
    }

    /** The sheets of these attempts in one statement (attempts without questions are absent). */
    Map<Long, Sheet> sheets(List<Long> attemptIds) {
        Map<Long, Sheet> out = new HashMap<>();
        if (!attemptIds.isEmpty()) {
            db.script(List.of(sheets(attemptIds, out)));
        }
        return out;
    }

    /** {@link #sheets(List)} as a step of a {@link Sql#script} (ids not empty). */
    private static Sql.Step sheets(List<Long> attemptIds, Map<Long, Sheet> out) {
        return Sql.Step.query("SELECT aq.attempt_id, aq.position, aq.question_id, aq.option_order, ans.answer, "
                + "ans.correct, ans.answered_at_ms FROM quiz_attempt_question aq LEFT JOIN quiz_attempt_answer ans "
                + "ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id "
                + "WHERE aq.attempt_id IN (" + Sql.placeholders(attemptIds) + ") ORDER BY aq.attempt_id, aq.position",
                rs -> {
                    Sheet sheet = out.computeIfAbsent(rs.getLong(1), k -> new Sheet(new ArrayList<>(),
                            new java.util.LinkedHashMap<>()));
                    AttemptQuestion aq = new AttemptQuestion(rs.getInt(2), rs.getLong(3), rs.getString(4));
                    sheet.questions().add(aq);
                    String given = rs.getString(5);
                    if (given != null) {
                        sheet.answers().put(aq.questionId(), new Answer(aq.questionId(), aq.position(), given,
                                rs.getBoolean(6), rs.getLong(7)));
                    }
                }, attemptIds.toArray());
    }

    /** A submit batch's attempts, locked, and their sheets. */
    record LockedSheets(Map<Long, Attempt> attempts, Map<Long, Sheet> sheets) {
    }

    /**
     * A submit batch's reads in one round trip: the attempts locked in id order (like a single submit's lock), then
     * their sheets (questions and answers so far). The caller uses a sheet only for an attempt the submitter owns.
     */
    LockedSheets lockAttemptsWithSheets(List<Long> attemptIds) {
        Map<Long, Attempt> attempts = new HashMap<>();
        Map<Long, Sheet> sheets = new HashMap<>();
        if (!attemptIds.isEmpty()) {
            db.script(List.of(Sql.Step.query("SELECT * FROM quiz_attempt WHERE id IN ("
                    + Sql.placeholders(attemptIds) + ") ORDER BY id FOR UPDATE", rs -> {
                        Attempt a = attempt(rs);
                        attempts.put(a.id(), a);
                    }, attemptIds.toArray()), sheets(attemptIds, sheets)));
        }
        return new LockedSheets(attempts, sheets);
    }

    Optional<AttemptQuestion> questionAt(long attemptId, int position) {
        return db.one("SELECT position, question_id, option_order FROM quiz_attempt_question WHERE attempt_id = ? "
                + "AND position = ?", rs -> new AttemptQuestion(rs.getInt(1), rs.getLong(2), rs.getString(3)),
                attemptId, position);
    }

    record Answer(long questionId, int position, String answer, boolean correct, long answeredAtMs) {
    }

    List<Answer> answersOf(long attemptId) {
        return db.list("SELECT question_id, position, answer, correct, answered_at_ms FROM quiz_attempt_answer "
                + "WHERE attempt_id = ? ORDER BY position", ContestStore::answer, attemptId);
    }

    Optional<Answer> answerTo(long attemptId, long questionId) {
        return db.one("SELECT question_id, position, answer, correct, answered_at_ms FROM quiz_attempt_answer "
                + "WHERE attempt_id = ? AND question_id = ?", ContestStore::answer, attemptId, questionId);
    }

    /** Records the answer unless one is there already (the unique key keeps the first). True if this one was stored. */
    private static final String INSERT_ANSWER = "INSERT INTO quiz_attempt_answer (attempt_id, question_id, position, "
            + "answer, correct, answered_at_ms) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE attempt_id = attempt_id";

    boolean insertAnswer(long attemptId, long questionId, int position, String answer, boolean correct, long nowMs) {
        return db.update(INSERT_ANSWER, attemptId, questionId, position, answer, correct, nowMs) == 1;
    }

    // --- results

    void insertResult(long contestId, Attempt a, int rank) {
        db.update("INSERT INTO quiz_contest_result (contest_id, member_id, branch_id, attempt_id, score, correct_count, "
                        + "time_used_ms, finished_at_ms, rank_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                contestId, a.memberId(), a.branchId(), a.id(), a.score(), a.correctCount(), a.timeUsedMs(),
                a.finishedAtMs(), rank);
    }

    record Result(long memberId, Long branchId, long attemptId, int score, int correctCount, long timeUsedMs,
                  long finishedAtMs, int rank, String name, String branchName) {

        Result named(String memberName, String branch) {
            return new Result(memberId, branchId, attemptId, score, correctCount, timeUsedMs, finishedAtMs, rank,
                    memberName, branch);
        }
    }

    /** The contest's results in rank order; names are the org feature's (filled in by the caller). */
    List<Result> results(long contestId) {
        return db.list("SELECT * FROM quiz_contest_result WHERE contest_id = ? ORDER BY rank_no",
                rs -> new Result(rs.getLong("member_id"), Sql.nullableLong(rs, "branch_id"), rs.getLong("attempt_id"),
                        rs.getInt("score"), rs.getInt("correct_count"), rs.getLong("time_used_ms"),
                        rs.getLong("finished_at_ms"), rs.getInt("rank_no"), null, null), contestId);
    }

    record Participation(long branchId, String branchName, long members, long participants) {
    }

    /** Members who attempted the contest, per branch. */
    Map<Long, Long> participants(long contestId, Collection<Long> branchIds) {
        Map<Long, Long> out = new HashMap<>();
        if (branchIds.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>();
        args.add(contestId);
        args.addAll(branchIds);
        db.each("SELECT branch_id, COUNT(DISTINCT member_id) FROM quiz_attempt WHERE contest_id = ? AND branch_id IN ("
                + Sql.placeholders(branchIds) + ") GROUP BY branch_id", rs -> out.put(rs.getLong(1), rs.getLong(2)),
                args.toArray());
        return out;
    }

    record QuestionStat(long questionId, long shown, long answered, long correct) {
    }

    List<QuestionStat> questionStats(long contestId) {
        return db.list("SELECT aq.question_id, COUNT(*), COUNT(ans.question_id), COALESCE(SUM(ans.correct), 0) "
                + "FROM quiz_attempt_question aq JOIN quiz_attempt a ON a.id = aq.attempt_id "
                + "LEFT JOIN quiz_attempt_answer ans ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id "
                + "WHERE a.contest_id = ? GROUP BY aq.question_id ORDER BY aq.question_id",
                rs -> new QuestionStat(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), contestId);
    }

    private static Contest contest(ResultSet rs) throws SQLException {
        return new Contest(rs.getLong("id"), rs.getLong("org_id"), rs.getString("title"), rs.getLong("starts_at_ms"),
                rs.getLong("ends_at_ms"), rs.getInt("time_limit_seconds"), rs.getInt("question_count"),
                QuestionStore.decodeTags(rs.getString("tags")), Sql.nullableInt(rs, "easy_count"),
                Sql.nullableInt(rs, "medium_count"), Sql.nullableInt(rs, "hard_count"), rs.getInt("points_per_question"),
                rs.getInt("attempts_allowed"), rs.getBoolean("reveal_answers"), rs.getLong("created_by"),
                rs.getLong("created_at_ms"), Sql.nullableLong(rs, "frozen_at_ms"));
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("contest_id"), rs.getLong("member_id"),
                Sql.nullableLong(rs, "branch_id"), rs.getInt("attempt_no"), rs.getLong("started_at_ms"),
                rs.getLong("deadline_ms"), Sql.nullableLong(rs, "finished_at_ms"), rs.getInt("score"),
                rs.getInt("correct_count"), rs.getLong("time_used_ms"));
    }

    private static Answer answer(ResultSet rs) throws SQLException {
        return new Answer(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getLong(5));
    }
}
