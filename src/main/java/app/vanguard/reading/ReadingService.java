package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.org.Caller;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsAward;
import app.vanguard.points.PointsService;
import app.vanguard.reading.ReadingViews.CalendarDay;
import app.vanguard.reading.ReadingViews.CalendarView;
import app.vanguard.reading.ReadingViews.DocumentProgress;
import app.vanguard.reading.ReadingViews.FinishResult;
import app.vanguard.reading.ReadingViews.SessionView;
import app.vanguard.reading.ReadingViews.StreakView;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading sessions and a member's progress. Opening an article records the server's time; finishing it measures the
 * dwell time on the server's clock (never the client's) and accepts it only after the article's minimum reading time
 * (length / chars-per-minute, at least the floor). An accepted finish records the article as read on that
 * Asia/Shanghai day and asks the points ledger for points, once per article per day (reference
 * {@code article:<id>:<date>}), under the READING daily cap.
 */
@Singleton
public class ReadingService {

    private record Session(long id, long memberId, long articleId, long startedAtMs, Long finishedAtMs) {
    }

    private final Sql sql;
    private final Library library;
    private final TodayService today;
    private final PointsService points;
    private final ReadingSettings config;
    private final Clock clock;

    public ReadingService(Sql sql, Library library, TodayService today, PointsService points, ReadingSettings config,
                          Clock clock) {
        this.sql = sql;
        this.library = library;
        this.today = today;
        this.points = points;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public SessionView open(Caller caller, long articleId) {
        Library.ArticleRow article = library.row(articleId)
                .orElseThrow(() -> ApiException.notFound("Article " + articleId));
        long now = clock.millis();
        long id = sql.insert("INSERT INTO reading_session (member_id, article_id, started_at_ms) VALUES (?, ?, ?)",
                caller.memberId(), articleId, now);
        sql.update("INSERT INTO reading_position (member_id, document_id, article_id, opened_at_ms) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE article_id = VALUES(article_id), opened_at_ms = VALUES(opened_at_ms)",
                caller.memberId(), article.documentId(), articleId, now);
        return new SessionView(id, articleId, Instant.ofEpochMilli(now), config.minimumSecondsFor(article.charCount()));
    }

    @Transactional
    public FinishResult finish(Caller caller, long sessionId) {
        Session session = sql.one("SELECT id, member_id, article_id, started_at_ms, finished_at_ms FROM reading_session "
                + "WHERE id = ? AND member_id = ? FOR UPDATE", rs -> new Session(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), Sql.nullableLong(rs, "finished_at_ms")), sessionId, caller.memberId())
                .orElseThrow(() -> ApiException.notFound("Reading session " + sessionId));
        Library.ArticleRow article = library.row(session.articleId()).orElseThrow();
        long finishedAt = session.finishedAtMs() != null ? session.finishedAtMs() : clock.millis();
        long dwellMs = Math.max(0, finishedAt - session.startedAtMs());
        int minimum = config.minimumSecondsFor(article.charCount());
        if (dwellMs < minimum * 1000L) {
            long remaining = (minimum * 1000L - dwellMs + 999) / 1000;
            throw new ReadingTooFastException(dwellMs / 1000, minimum, remaining);
        }
        LocalDate day = BusinessTime.dateOf(Instant.ofEpochMilli(finishedAt));
        if (session.finishedAtMs() == null) {
            sql.update("UPDATE reading_session SET finished_at_ms = ? WHERE id = ?", finishedAt, sessionId);
        }
        Long branchId = sql.one("SELECT branch_id FROM member WHERE id = ?", rs -> Sql.nullableLong(rs, "branch_id"),
                caller.memberId()).orElse(null);
        // Points first (idempotent per article and day), so the completion row is written once with its points.
        PointsAward award = points.award(caller.memberId(), PointsAction.READING,
                "article:" + article.id() + ":" + day, config.getPointsPerArticle());
        boolean firstToday = sql.update("INSERT IGNORE INTO reading_completion (member_id, article_id, business_date, branch_id, "
                + "document_id, dwell_ms, points, finished_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", caller.memberId(),
                article.id(), day, branchId, article.documentId(), dwellMs, award.points(), finishedAt) == 1;
        Set<Long> readThatDay = new HashSet<>(sql.list("SELECT article_id FROM reading_completion WHERE member_id = ? "
                + "AND business_date = ?", rs -> rs.getLong(1), caller.memberId(), day));
        boolean done = today.dayDone(branchId, day, readThatDay);
        sql.update("INSERT INTO reading_day (member_id, business_date, articles, done) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE articles = VALUES(articles), done = done OR VALUES(done)",
                caller.memberId(), day, readThatDay.size(), done);
        // The days done, read once: whether that day is done (as stored: once done, it stays done) and the streak.
        List<LocalDate> doneDays = today.doneDays(caller.memberId());
        boolean dayDone = doneDays.contains(day);
        Streaks.Result streak = Streaks.of(doneDays, BusinessTime.today(clock));
        // A repeated finish of this session returns its outcome again; another session of an article already read
        // that day earns nothing more.
        boolean repeat = session.finishedAtMs() != null;
        boolean alreadyRead = !firstToday && !repeat;
        return new FinishResult(sessionId, article.id(), day, dwellMs / 1000, alreadyRead ? 0 : award.points(),
                award.capped(), alreadyRead, dayDone, streak.current(), streak.longest());
    }

    @Transactional(readOnly = true)
    public StreakView streak(Caller caller) {
        Streaks.Result s = today.streak(caller.memberId(), BusinessTime.today(clock));
        return new StreakView(s.current(), s.longest(), s.todayDone(), s.lastDone());
    }

    @Transactional(readOnly = true)
    public CalendarView calendar(Caller caller, YearMonth month) {
        List<CalendarDay> days = sql.list("SELECT business_date, articles, done FROM reading_day WHERE member_id = ? "
                + "AND business_date >= ? AND business_date <= ? ORDER BY business_date",
                rs -> new CalendarDay(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getBoolean(3)), caller.memberId(),
                month.atDay(1), month.atEndOfMonth());
        Streaks.Result s = today.streak(caller.memberId(), BusinessTime.today(clock));
        return new CalendarView(month.toString(), days, (int) days.stream().filter(CalendarDay::done).count(),
                s.current(), s.longest());
    }

    @Transactional(readOnly = true)
    public List<DocumentProgress> progress(Caller caller) {
        Map<Long, Integer> read = new HashMap<>();
        sql.list("SELECT a.document_id, COUNT(DISTINCT c.article_id) FROM reading_completion c "
                + "JOIN reading_article a ON a.id = c.article_id WHERE c.member_id = ? AND NOT a.retired "
                + "GROUP BY a.document_id", rs -> read.put(rs.getLong(1), rs.getInt(2)), caller.memberId());
        return sql.list("SELECT d.id, d.title, d.article_count, p.article_id, a.label, p.opened_at_ms "
                + "FROM reading_document d LEFT JOIN reading_position p ON p.document_id = d.id AND p.member_id = ? "
                + "LEFT JOIN reading_article a ON a.id = p.article_id ORDER BY d.id", rs -> {
                    long documentId = rs.getLong(1);
                    int total = rs.getInt(3);
                    int done = Math.min(total, read.getOrDefault(documentId, 0));
                    Long last = Sql.nullableLong(rs, "article_id");
                    long opened = rs.getLong(6);
                    return new DocumentProgress(documentId, rs.getString(2), total, done,
                            total == 0 ? 0 : (int) Math.floor(done * 100.0 / total), last, rs.getString(5),
                            last == null ? null : Instant.ofEpochMilli(opened));
                }, caller.memberId());
    }
}
