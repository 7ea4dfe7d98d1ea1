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

    /** Each member's streak (members without a done day are left out): a step of a {@link Sql#script}. */
    Sql.Step streaksOf(Collection<Long> memberIds, Map<Long, Streaks.Summary> out) {
        return Sql.Step.query("SELECT member_id, last_done, run_from, longest FROM reading_streak WHERE member_id IN ("
                + Sql.placeholders(memberIds) + ")", rs -> out.put(rs.getLong(1), new Streaks.Summary(
                rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getInt(4))), memberIds.toArray());
    }

    /** {@link #streaksOf} in its own statement. */
    Map<Long, Streaks.Summary> streaks(Collection<Long> memberIds) {
        Map<Long, Streaks.Summary> out = new HashMap<>();
        if (!memberIds.isEmpty()) {
            sql.script(List.of(streaksOf(memberIds, out)));
        }
        return out;
    }

    /**
     * Moves the members' streaks forward to the day each just got done (a later day than the streak's last): one
     * statement for {@link Sql#script}, decided on the row as it stands under its lock, so two instances finishing
     * for one member cannot lose an update. A day not after the row's last done day changes nothing (see
     * {@link #recomputeStreaks}). Each assignment reads only the row's old values (whether MariaDB assigns left to
     * right or simultaneously), so {@code longest} comes first.
     */
    List<Sql.Step> advanceStreaks(Map<Long, LocalDate> doneDay) {
        if (doneDay.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = new java.util.ArrayList<>(doneDay.size());
        new java.util.TreeMap<>(doneDay).forEach((member, day) -> rows.add(new Object[] {member, day, day, 1}));
        return List.of(Sql.Step.insertRows("INSERT INTO reading_streak (member_id, last_done, run_from, longest) VALUES",
                rows, "ON DUPLICATE KEY UPDATE "
                        + "longest = IF(VALUES(last_done) <= last_done, longest, GREATEST(longest, DATEDIFF(VALUES(last_done), "
                        + "IF(VALUES(last_done) = last_done + INTERVAL 1 DAY, run_from, VALUES(last_done))) + 1)), "
                        + "run_from = IF(VALUES(last_done) <= last_done OR VALUES(last_done) = last_done + INTERVAL 1 DAY, "
                        + "run_from, VALUES(last_done)), "
                        + "last_done = GREATEST(last_done, VALUES(last_done))"));
    }

    /**
     * Computes the members' streaks again from every done day (runs of consecutive days: gaps and islands), for a
     * day done out of order (before the streak's last done day: a clock set back). Rare; reads their whole history.
     */
    Sql.Step recomputeStreaks(Collection<Long> memberIds) {
        return Sql.Step.write("INSERT INTO reading_streak (member_id, last_done, run_from, longest) "
                + "SELECT member_id, MAX(e), SUBSTRING_INDEX(GROUP_CONCAT(s ORDER BY e DESC), ',', 1), MAX(n) FROM ("
                + "SELECT member_id, MIN(business_date) s, MAX(business_date) e, COUNT(*) n FROM ("
                + "SELECT member_id, business_date, DATE_SUB(business_date, INTERVAL ROW_NUMBER() OVER ("
                + "PARTITION BY member_id ORDER BY business_date) DAY) g FROM reading_day WHERE done AND member_id IN ("
                + Sql.placeholders(memberIds) + ")) d GROUP BY member_id, g) runs GROUP BY member_id "
                + "ON DUPLICATE KEY UPDATE last_done = VALUES(last_done), run_from = VALUES(run_from), "
                + "longest = VALUES(longest)", memberIds.toArray());
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

    /** A member's completions in a window and their streak (null: no day done yet), read together. */
    record MemberDays(List<Completion> completions, Streaks.@io.micronaut.core.annotation.Nullable Summary streak) {
    }

    /**
     * The articles read from {@code from} to {@code to} (with the day each was read) and the member's streak, in one
     * statement (GET /reading/today: one round trip, and one streak row however long the history).
     */
    MemberDays memberDays(long memberId, LocalDate from, LocalDate to) {
        List<Completion> completions = new java.util.ArrayList<>();
        Streaks.Summary[] streak = {null};
        sql.each("SELECT 0, article_id, business_date, NULL FROM reading_completion WHERE member_id = ? "
                + "AND business_date >= ? AND business_date <= ? "
                + "UNION ALL SELECT 1, longest, last_done, run_from FROM reading_streak WHERE member_id = ? "
                + "ORDER BY 1, 3", rs -> {
                    if (rs.getInt(1) == 0) {
                        completions.add(new Completion(rs.getLong(2), rs.getDate(3).toLocalDate()));
                    } else {
                        streak[0] = new Streaks.Summary(rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(),
                                rs.getInt(2));
                    }
                }, memberId, from, to, memberId);
        return new MemberDays(completions, streak[0]);
    }

    /** Members whose reading was done yesterday but not (yet) today: their streak is at stake. */
    List<Long> streaksAtStake(LocalDate today) {
        return sql.list("SELECT y.member_id FROM reading_day y LEFT JOIN reading_day t ON t.member_id = y.member_id AND t.business_date = ? "
                + "WHERE y.business_date = ? AND y.done AND (t.done IS NULL OR NOT t.done) ORDER BY y.member_id",
                rs -> rs.getLong(1), today, today.minusDays(1));
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
