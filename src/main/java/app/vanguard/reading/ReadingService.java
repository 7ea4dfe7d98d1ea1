package app.vanguard.reading;

import app.vanguard.org.MemberStore;
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
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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

    private final ReadingStore store;
    private final MemberStore members;
    private final LibraryStore library;
    private final TodayService today;
    private final PointsService points;
    private final ReadingSettings config;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    public ReadingService(ReadingStore store, MemberStore members, LibraryStore library, TodayService today, PointsService points, ReadingSettings config,
                          Clock clock, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.store = store;
        this.members = members;
        this.library = library;
        this.today = today;
        this.points = points;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public SessionView open(Caller caller, long articleId) {
        LibraryStore.ArticleRow article = library.row(articleId)
                .orElseThrow(() -> ApiException.notFound("Article " + articleId));
        long now = clock.millis();
        long id = store.openSession(caller.memberId(), articleId, now);
        store.recordPosition(caller.memberId(), article.documentId(), articleId, now);
        return new SessionView(id, articleId, Instant.ofEpochMilli(now), config.minimumSecondsFor(article.charCount()));
    }

    /**
     * Finishes a session. The branch's day (plan and articles, from the Redis cache or MySQL) is read first, outside
     * the transaction, so no Redis call ever waits while the session's row lock is held (issue 15 item 11).
     */
    @Connectable
    public FinishResult finish(Caller caller, long sessionId) {
        Long branchId = members.branchOf(caller.memberId()).flatMap(b -> b).orElse(null);
        LocalDate businessToday = BusinessTime.today(clock);
        TodayService.Shared prefetched = branchId == null ? TodayService.Shared.NONE
                : today.shared(branchId, businessToday);
        return transactions.executeWrite(status -> finishLocked(caller, sessionId, branchId, businessToday, prefetched));
    }

    private FinishResult finishLocked(Caller caller, long sessionId, Long branchId, LocalDate prefetchedDay,
                                      TodayService.Shared prefetched) {
        ReadingStore.Session session = store.lockSession(sessionId, caller.memberId())
                .orElseThrow(() -> ApiException.notFound("Reading session " + sessionId));
        LibraryStore.ArticleRow article = library.row(session.articleId()).orElseThrow();
        if (session.finishedAtMs() == null && store.openedAfter(caller.memberId(), sessionId)) {
            // One open session counts at a time: opening another article ended this one, so reading time cannot
            // run in parallel (N articles need N dwells).
            throw ApiException.conflict("READING_SESSION_SUPERSEDED", "Another article was opened after this one; "
                    + "open this article again to read it");
        }
        long finishedAt = session.finishedAtMs() != null ? session.finishedAtMs() : clock.millis();
        long dwellMs = Math.max(0, finishedAt - session.startedAtMs());
        int minimum = config.minimumSecondsFor(article.charCount());
        if (dwellMs < minimum * 1000L) {
            long remaining = (minimum * 1000L - dwellMs + 999) / 1000;
            throw new ReadingTooFastException(dwellMs / 1000, minimum, remaining);
        }
        LocalDate day = BusinessTime.dateOf(Instant.ofEpochMilli(finishedAt));
        if (session.finishedAtMs() == null) {
            store.finishSession(sessionId, finishedAt);
        }
        // The day's plan: the one read before the lock, or (a repeated finish of an earlier day's session, or the
        // Shanghai day turned meanwhile) computed from MySQL, never from Redis while the row lock is held.
        TodayService.Shared shared = branchId == null ? TodayService.Shared.NONE
                : day.equals(prefetchedDay) ? prefetched : today.sharedFromDatabase(branchId, day);
        // Points only for an article of the member's plan (that day's, or a missed one of the catch-up days); none
        // without a branch (a pending registrant) or a plan. First (idempotent per article and day), so the
        // completion row is written once with its points.
        boolean planArticle = TodayService.inPlan(shared, article.id());
        PointsAward award = planArticle ? points.award(caller.memberId(), PointsAction.READING,
                "article:" + article.id() + ":" + day, config.getPointsPerArticle()) : null;
        int earned = award == null ? 0 : award.points();
        boolean firstToday = store.recordCompletion(caller.memberId(), article.id(), day, branchId,
                article.documentId(), dwellMs, earned, finishedAt);
        Set<Long> readThatDay = store.articlesReadOn(caller.memberId(), day);
        boolean done = branchId != null && TodayService.dayDone(shared, readThatDay);
        store.recordDay(caller.memberId(), day, readThatDay.size(), done);
        // The days done, read once: whether that day is done (as stored: once done, it stays done) and the streak.
        List<LocalDate> doneDays = store.doneDays(caller.memberId());
        boolean dayDone = doneDays.contains(day);
        Streaks.Result streak = Streaks.of(doneDays, BusinessTime.today(clock));
        // A repeated finish of this session returns its outcome again; another session of an article already read
        // that day earns nothing more.
        boolean repeat = session.finishedAtMs() != null;
        boolean alreadyRead = !firstToday && !repeat;
        return new FinishResult(sessionId, article.id(), day, dwellMs / 1000, alreadyRead ? 0 : earned,
                award != null && award.capped(), alreadyRead, planArticle, dayDone, streak.current(), streak.longest());
    }

    @Transactional(readOnly = true)
    public StreakView streak(Caller caller) {
        Streaks.Result s = today.streak(caller.memberId(), BusinessTime.today(clock));
        return new StreakView(s.current(), s.longest(), s.todayDone(), s.lastDone());
    }

    @Transactional(readOnly = true)
    public CalendarView calendar(Caller caller, YearMonth month) {
        List<CalendarDay> days = store.days(caller.memberId(), month.atDay(1), month.atEndOfMonth());
        Streaks.Result s = today.streak(caller.memberId(), BusinessTime.today(clock));
        return new CalendarView(month.toString(), days, (int) days.stream().filter(CalendarDay::done).count(),
                s.current(), s.longest());
    }

    @Transactional(readOnly = true)
    public List<DocumentProgress> progress(Caller caller) {
        Map<Long, Integer> read = store.articlesReadPerDocument(caller.memberId());
        return store.positions(caller.memberId()).stream().map(p -> {
            int done = Math.min(p.articleCount(), read.getOrDefault(p.documentId(), 0));
            return new DocumentProgress(p.documentId(), p.title(), p.articleCount(), done,
                    p.articleCount() == 0 ? 0 : (int) Math.floor(done * 100.0 / p.articleCount()), p.articleId(),
                    p.label(), p.articleId() == null ? null : Instant.ofEpochMilli(p.openedAtMs()));
        }).toList();
    }
}
