package app.vanguard.reading;

import app.vanguard.reading.ReadingViews.CalendarDay;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reading feature's records of members: sessions (server-timed dwell), completions (an article read on a
 * Shanghai day), days (read / done), and the last article opened per document.
 */
@Singleton
public class ReadingStore {

    /** A reading session as stored. */
    record Session(long id, long memberId, long articleId, long startedAtMs, Long finishedAtMs) {
    }

    /** An article read on a day. */
    record Completion(long articleId, LocalDate date) {
    }

    /** A document with the member's last opened article in it, if any. */
    record Position(long documentId, String title, int articleCount, Long articleId, String label, long openedAtMs) {
    }

    /** A member's counts over a period. */
    record MemberCounts(int articlesRead, int daysRead, int daysDone) {
        static final MemberCounts NONE = new MemberCounts(0, 0, 0);
    }

    private final Sql sql;

    public ReadingStore(Sql sql) {
        this.sql = sql;
    }

    long openSession(long memberId, long articleId, long startedAtMs) {
        return sql.insert("INSERT INTO reading_session (member_id, article_id, started_at_ms) VALUES (?, ?, ?)",
                memberId, articleId, startedAtMs);
    }

    void recordPosition(long memberId, long documentId, long articleId, long openedAtMs) {
        sql.update("INSERT INTO reading_position (member_id, document_id, article_id, opened_at_ms) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE article_id = VALUES(article_id), opened_at_ms = VALUES(opened_at_ms)",
                memberId, documentId, articleId, openedAtMs);
    }

    /** The member's session, locked for the rest of the transaction. */
    java.util.Optional<Session> lockSession(long sessionId, long memberId) {
        return sql.one("SELECT id, member_id, article_id, started_at_ms, finished_at_ms FROM reading_session "
                + "WHERE id = ? AND member_id = ? FOR UPDATE", rs -> new Session(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), Sql.nullableLong(rs, "finished_at_ms")), sessionId, memberId);
    }

    /** Whether the member opened another session after this one (only the latest open session counts). */
    boolean openedAfter(long memberId, long sessionId) {
        return sql.count("SELECT COUNT(*) FROM reading_session WHERE member_id = ? AND id > ?", memberId, sessionId) > 0;
    }

    void finishSession(long sessionId, long finishedAtMs) {
        sql.update("UPDATE reading_session SET finished_at_ms = ? WHERE id = ?", finishedAtMs, sessionId);
    }

    // ---- finishes, many at once (one statement each for a whole batch) ----

    /** The sessions, locked for the rest of the transaction (in id order), by id; ids not found are left out. */
    Sql.Step lockSessions(Collection<Long> sessionIds, Map<Long, Session> out) {
        return Sql.Step.query("SELECT id, member_id, article_id, started_at_ms, finished_at_ms FROM reading_session "
                + "WHERE id IN (" + Sql.placeholders(sessionIds) + ") ORDER BY id FOR UPDATE", rs -> out.put(
                rs.getLong(1), new Session(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        Sql.nullableLong(rs, "finished_at_ms"))), sessionIds.toArray());
    }

    /** Each member's latest session id (the one that counts while open). */
    Sql.Step latestSessions(Collection<Long> memberIds, Map<Long, Long> out) {
        return Sql.Step.query("SELECT member_id, MAX(id) FROM reading_session WHERE member_id IN ("
                + Sql.placeholders(memberIds) + ") GROUP BY member_id", rs -> out.put(rs.getLong(1), rs.getLong(2)),
                memberIds.toArray());
    }

    /** A member's completion: an article read on a day. */
    record MemberCompletion(long memberId, long articleId, LocalDate date) {
    }

    /** The completions of the members on the days (every pair of member and day; callers filter). */
    Sql.Step completionsOn(Collection<Long> memberIds, Collection<LocalDate> days, List<MemberCompletion> out) {
        List<Object> args = new java.util.ArrayList<>(memberIds);
        args.addAll(days);
        return Sql.Step.query("SELECT member_id, article_id, business_date FROM reading_completion WHERE member_id IN ("
                + Sql.placeholders(memberIds) + ") AND business_date IN (" + Sql.placeholders(days) + ")",
                rs -> out.add(new MemberCompletion(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate())),
                args.toArray());
    }

    /** Finishes the sessions: session id → finish time (one statement). */
    List<Sql.Step> finishSessions(Map<Long, Long> finishedAtMs) {
        if (finishedAtMs.isEmpty()) {
            return List.of();
        }
        StringBuilder text = new StringBuilder("UPDATE reading_session SET finished_at_ms = CASE id");
        List<Object> args = new java.util.ArrayList<>();
        finishedAtMs.forEach((id, at) -> {
            text.append(" WHEN ? THEN ?");
            args.add(id);
            args.add(at);
        });
        text.append(" END WHERE id IN (").append(Sql.placeholders(finishedAtMs.keySet())).append(")");
        args.addAll(finishedAtMs.keySet());
        return List.of(Sql.Step.write(text.toString(), args.toArray()));
    }

    /** A completion to record. */
    record NewCompletion(long memberId, long articleId, LocalDate day, Long branchId, long documentId, long dwellMs,
                         int points, long finishedAtMs) {
    }

    /** Records the completions (one statement); answers how many were new (INSERT IGNORE: a row there stays). */
    List<Sql.Step> recordCompletions(List<NewCompletion> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object[]> values = new java.util.ArrayList<>(rows.size());
        for (NewCompletion c : rows) {
            values.add(new Object[] {c.memberId(), c.articleId(), c.day(), c.branchId(), c.documentId(), c.dwellMs(),
                    c.points(), c.finishedAtMs()});
        }
        return List.of(Sql.Step.insertRows("INSERT IGNORE INTO reading_completion (member_id, article_id, "
                + "business_date, branch_id, document_id, dwell_ms, points, finished_at_ms) VALUES", values, ""));
    }

    /** A member's day to record: the articles read that day and whether its reading is done. */
    record DayRow(long memberId, LocalDate day, int articles, boolean done) {
    }

    /** Records the days' counts (one statement); once done, a day stays done. */
    List<Sql.Step> recordDays(List<DayRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object[]> values = new java.util.ArrayList<>(rows.size());
        for (DayRow d : rows) {
            values.add(new Object[] {d.memberId(), d.day(), d.articles(), d.done()});
        }
        return List.of(Sql.Step.insertRows("INSERT INTO reading_day (member_id, business_date, articles, done) VALUES",
                values, "ON DUPLICATE KEY UPDATE articles = VALUES(articles), done = done OR VALUES(done)"));
    }

    /** The days each member's reading was done, oldest first (members without any are left out). */
    Sql.Step doneDaysOf(Collection<Long> memberIds, Map<Long, List<LocalDate>> out) {
        return Sql.Step.query("SELECT member_id, business_date FROM reading_day WHERE member_id IN ("
                + Sql.placeholders(memberIds) + ") AND done ORDER BY member_id, business_date",
                rs -> out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(rs.getDate(2).toLocalDate()), memberIds.toArray());
    }

    /** Records the article as read that day; false when it already was. */
    boolean recordCompletion(long memberId, long articleId, LocalDate day, Long branchId, long documentId, long dwellMs,
                             int points, long finishedAtMs) {
        return sql.update("INSERT IGNORE INTO reading_completion (member_id, article_id, business_date, branch_id, "
                + "document_id, dwell_ms, points, finished_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", memberId,
                articleId, day, branchId, documentId, dwellMs, points, finishedAtMs) == 1;
    }

    Set<Long> articlesReadOn(long memberId, LocalDate day) {
        return new HashSet<>(sql.list("SELECT article_id FROM reading_completion WHERE member_id = ? "
                + "AND business_date = ?", rs -> rs.getLong(1), memberId, day));
    }

    /** A member's completions in a window and every day their reading was done (ascending), read together. */
    record MemberDays(List<Completion> completions, List<LocalDate> doneDays) {
    }

    /**
     * The articles read from {@code from} to {@code to} (with the day each was read) and {@link #doneDays}, in one
     * statement (GET /reading/today: one round trip instead of two).
     */
    MemberDays memberDays(long memberId, LocalDate from, LocalDate to) {
        List<Completion> completions = new java.util.ArrayList<>();
        List<LocalDate> done = new java.util.ArrayList<>();
        sql.each("SELECT 0, article_id, business_date FROM reading_completion WHERE member_id = ? "
                + "AND business_date >= ? AND business_date <= ? "
                + "UNION ALL SELECT 1, 0, business_date FROM reading_day WHERE member_id = ? AND done "
                + "ORDER BY 1, 3", rs -> {
                    if (rs.getInt(1) == 0) {
                        completions.add(new Completion(rs.getLong(2), rs.getDate(3).toLocalDate()));
                    } else {
                        done.add(rs.getDate(3).toLocalDate());
                    }
                }, memberId, from, to, memberId);
        return new MemberDays(completions, done);
    }

    /** Records the day's count; once done, a day stays done. */
    void recordDay(long memberId, LocalDate day, int articles, boolean done) {
        sql.update("INSERT INTO reading_day (member_id, business_date, articles, done) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE articles = VALUES(articles), done = done OR VALUES(done)",
                memberId, day, articles, done);
    }

    /** Members whose reading was done yesterday but not (yet) today: their streak is at stake. */
    List<Long> streaksAtStake(LocalDate today) {
        return sql.list("SELECT y.member_id FROM reading_day y LEFT JOIN reading_day t ON t.member_id = y.member_id AND t.business_date = ? "
                + "WHERE y.business_date = ? AND y.done AND (t.done IS NULL OR NOT t.done) ORDER BY y.member_id",
                rs -> rs.getLong(1), today, today.minusDays(1));
    }

    /** Done days since {@code from} of several members: member → ascending days. */
    java.util.Map<Long, List<LocalDate>> doneDaysSince(java.util.Collection<Long> memberIds, LocalDate from) {
        java.util.Map<Long, List<LocalDate>> out = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        List<Object> args = new java.util.ArrayList<>(memberIds);
        args.add(from);
        sql.each("SELECT member_id, business_date FROM reading_day WHERE member_id IN (" + Sql.placeholders(memberIds)
                + ") AND business_date >= ? AND done ORDER BY member_id, business_date", rs -> out
                .computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getDate(2).toLocalDate()),
                args.toArray());
        return out;
    }

    /** The days the member's reading was done, oldest first. */
    List<LocalDate> doneDays(long memberId) {
        return sql.list("SELECT business_date FROM reading_day WHERE member_id = ? AND done ORDER BY business_date",
                rs -> rs.getDate(1).toLocalDate(), memberId);
    }

    List<CalendarDay> days(long memberId, LocalDate from, LocalDate to) {
        return sql.list("SELECT business_date, articles, done FROM reading_day WHERE member_id = ? "
                + "AND business_date >= ? AND business_date <= ? ORDER BY business_date",
                rs -> new CalendarDay(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getBoolean(3)), memberId, from, to);
    }

    /** Distinct current articles read per document. */
    Map<Long, Integer> articlesReadPerDocument(long memberId) {
        Map<Long, Integer> read = new HashMap<>();
        sql.each("SELECT a.document_id, COUNT(DISTINCT c.article_id) FROM reading_completion c "
                + "JOIN reading_article a ON a.id = c.article_id WHERE c.member_id = ? AND NOT a.retired "
                + "GROUP BY a.document_id", rs -> read.put(rs.getLong(1), rs.getInt(2)), memberId);
        return read;
    }

    /** Every document, with the member's last opened article in it. */
    List<Position> positions(long memberId) {
        return sql.list("SELECT d.id, d.title, d.article_count, p.article_id, a.label, p.opened_at_ms "
                + "FROM reading_document d LEFT JOIN reading_position p ON p.document_id = d.id AND p.member_id = ? "
                + "LEFT JOIN reading_article a ON a.id = p.article_id ORDER BY d.id",
                rs -> new Position(rs.getLong(1), rs.getString(2), rs.getInt(3), Sql.nullableLong(rs, "article_id"),
                        rs.getString(5), rs.getLong(6)), memberId);
    }

    /** Per member: articles read, days read and days done from {@code from} to {@code to}. */
    Map<Long, MemberCounts> counts(Collection<Long> memberIds, LocalDate from, LocalDate to) {
        Map<Long, MemberCounts> counts = new HashMap<>();
        if (memberIds.isEmpty()) {
            return counts;
        }
        String in = String.join(",", memberIds.stream().map(id -> "?").toList());
        Object[] args = new Object[memberIds.size() + 2];
        int i = 0;
        for (Long id : memberIds) {
            args[i++] = id;
        }
        args[i++] = from;
        args[i] = to;
        Map<Long, Integer> articles = new HashMap<>();
        sql.each("SELECT member_id, COUNT(*) FROM reading_completion WHERE member_id IN (" + in + ") "
                + "AND business_date BETWEEN ? AND ? GROUP BY member_id", rs -> articles.put(rs.getLong(1), rs.getInt(2)),
                args);
        sql.each("SELECT member_id, COUNT(*), SUM(done) FROM reading_day WHERE member_id IN (" + in + ") "
                + "AND business_date BETWEEN ? AND ? GROUP BY member_id", rs -> counts.put(rs.getLong(1),
                new MemberCounts(articles.getOrDefault(rs.getLong(1), 0), rs.getInt(2), rs.getInt(3))), args);
        articles.forEach((member, n) -> counts.putIfAbsent(member, new MemberCounts(n, 0, 0)));
        return counts;
    }

    /** A member's reading over a period, for other features: articles finished and their dwell (each capped). */
    public record ReadingTime(int articles, long dwellMs, int daysDone) {
    }

    /**
     * Per member: articles finished on Asia/Shanghai days {@code from}..{@code to}, the sum of their
     * server-measured dwell times, each counted at most {@code capMs} (an article left open is not study time), and
     * the days whose reading was done.
     */
    public Map<Long, ReadingTime> readingTime(Collection<Long> memberIds, LocalDate from, LocalDate to, long capMs) {
        Map<Long, ReadingTime> out = new HashMap<>();
        List<Long> all = List.copyOf(memberIds);
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> part = all.subList(i, Math.min(all.size(), i + 1000));
            List<Object> args = new java.util.ArrayList<>();
            args.add(capMs);
            args.addAll(part);
            args.add(from);
            args.add(to);
            sql.each("SELECT member_id, COUNT(*), SUM(LEAST(dwell_ms, ?)) FROM reading_completion WHERE member_id IN ("
                    + Sql.placeholders(part) + ") AND business_date BETWEEN ? AND ? GROUP BY member_id",
                    rs -> out.put(rs.getLong(1), new ReadingTime(rs.getInt(2), rs.getLong(3), 0)), args.toArray());
            List<Object> dayArgs = new java.util.ArrayList<>(part);
            dayArgs.add(from);
            dayArgs.add(to);
            sql.each("SELECT member_id, SUM(done) FROM reading_day WHERE member_id IN (" + Sql.placeholders(part)
                    + ") AND business_date BETWEEN ? AND ? GROUP BY member_id", rs -> {
                ReadingTime t = out.getOrDefault(rs.getLong(1), new ReadingTime(0, 0, 0));
                out.put(rs.getLong(1), new ReadingTime(t.articles(), t.dwellMs(), rs.getInt(2)));
            }, dayArgs.toArray());
        }
        return out;
    }
}
