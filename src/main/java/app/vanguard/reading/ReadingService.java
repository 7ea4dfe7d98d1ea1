package app.vanguard.reading;

import app.vanguard.org.MemberStore;
import app.vanguard.org.Caller;
import app.vanguard.points.BoardFigures;
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
import app.vanguard.shared.GroupCommit;
import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

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
    private final Sql sql;
    /** The reading peak's finishes: many members' finishes in one transaction (group commit). */
    private final GroupCommit.Batcher<FinishItem, Finished> finishes;

    public ReadingService(ReadingStore store, MemberStore members, LibraryStore library, TodayService today,
                          PointsService points, ReadingSettings config, Clock clock, GroupCommit groupCommit,
                          Sql sql) {
        this.store = store;
        this.sql = sql;
        this.members = members;
        this.library = library;
        this.today = today;
        this.points = points;
        this.config = config;
        this.clock = clock;
        this.finishes = groupCommit.batcher("reading-finish", this::finishAll,
                (items, outcomes) -> points.afterCommit(outcomes.stream().filter(GroupCommit.Outcome::succeeded)
                        .map(o -> o.value().board()).filter(java.util.Objects::nonNull).toList()));
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

    /** A finish asked for: who, which session, and the caller's branch's day as read before the batch (from Redis). */
    record FinishItem(long memberId, long sessionId, Long branchHint, LocalDate prefetchedDay,
                      TodayService.Shared prefetched) {
    }

    /** A finish's result, and its batch's board figures when it newly earned points (null when not). */
    record Finished(FinishResult result, @Nullable BoardFigures board) {
    }

    /**
     * Finishes a session. The branch's day (plan and articles, from the Redis cache or MySQL) is read first, by the
     * token's branch and outside any transaction, so no Redis call ever waits while a session's row lock is held
     * (issue 15 item 11); the finish itself is decided and written by a group commit with other members' finishes,
     * and the future completes once that is committed (or with the finish's refusal).
     */
    public CompletableFuture<FinishResult> finish(Caller caller, long sessionId) {
        LocalDate businessToday = BusinessTime.today(clock);
        TodayService.Shared prefetched = caller.branchId() == null ? TodayService.Shared.NONE
                : today.branchDay(caller.branchId(), businessToday);
        return finishes.submit(new FinishItem(caller.memberId(), sessionId, caller.branchId(), businessToday,
                prefetched)).thenApply(Finished::result);
    }

    private record MemberDay(long memberId, LocalDate day) {
    }

    private record BranchDay(long branchId, LocalDate day) {
    }

    private record Decision(FinishItem item, long articleId, long documentId, LocalDate day, long dwellMs,
                            long finishedAt, Long branchId, boolean repeat, boolean planArticle, boolean firstToday,
                            boolean dayDone, Streaks.Result streak) {
        String reference() {
            return "article:" + articleId + ":" + day;
        }
    }

    /**
     * Finishes many sessions in the caller's transaction, in a constant number of round trips for the whole list
     * ({@link Sql#script}): the sessions locked (in id order) with each member's latest session, branch, streak
     * and today's completions; then the articles (and another day's completions for a repeated finish of an earlier
     * day's session); the rules applied in memory in list order (the same session twice: the second is a repeat of
     * the first); the READING points (two round trips); then one round trip writing the sessions finished, the
     * completions, the days and the streaks. Per-item rule failures are outcomes, never
     * thrown; anything thrown rolls the whole list back.
     */
    List<GroupCommit.Outcome<Finished>> finishAll(List<FinishItem> items) {
        Set<Long> sessionIds = new TreeSet<>();
        Set<Long> memberIds = new TreeSet<>();
        for (FinishItem item : items) {
            sessionIds.add(item.sessionId());
            memberIds.add(item.memberId());
        }
        long now = clock.millis();
        LocalDate businessToday = BusinessTime.today(clock);
        // First round trip: the sessions locked, then what the rules need of the members (their latest sessions,
        // branches, streaks, and today's completions: a new finish is today's).
        Map<Long, ReadingStore.Session> sessions = new HashMap<>();
        Map<Long, Long> latest = new HashMap<>();
        Map<Long, Long> branches = new HashMap<>();
        Map<Long, Streaks.Summary> streaks = new HashMap<>();
        List<ReadingStore.MemberCompletion> readBefore = new ArrayList<>();
        sql.script(List.of(store.lockSessions(sessionIds, sessions), store.latestSessions(memberIds, latest),
                members.branchesOf(memberIds, branches), store.streaksOf(memberIds, streaks),
                store.completionsOn(memberIds, List.of(businessToday), readBefore)));
        Set<Long> articleIds = new TreeSet<>();
        Set<LocalDate> otherDays = new TreeSet<>();
        for (ReadingStore.Session s : sessions.values()) {
            articleIds.add(s.articleId());
            LocalDate day = BusinessTime.dateOf(Instant.ofEpochMilli(s.finishedAtMs() != null ? s.finishedAtMs() : now));
            if (!day.equals(businessToday)) {
                otherDays.add(day); // a repeated finish of an earlier day's session
            }
        }
        // Second: the articles' sizes (and the completions of any other day a repeated finish belongs to).
        Map<Long, LibraryStore.ArticleSize> articles = new HashMap<>();
        List<Sql.Step> second = new ArrayList<>(2);
        if (!articleIds.isEmpty()) {
            second.add(library.sizes(articleIds, articles));
        }
        if (!otherDays.isEmpty()) {
            second.add(store.completionsOn(memberIds, otherDays, readBefore));
        }
        sql.script(second);
        Map<MemberDay, Set<Long>> read = new HashMap<>();
        for (ReadingStore.MemberCompletion c : readBefore) {
            read.computeIfAbsent(new MemberDay(c.memberId(), c.date()), k -> new HashSet<>()).add(c.articleId());
        }
        // Streaks as the batch moves them: a day done later than a member's last done day advances it (written with
        // advanceStreaks); one done out of order (before it: a clock set back) has it computed again from every day.
        Map<Long, LocalDate> advancedTo = new HashMap<>();
        Set<Long> outOfOrder = new TreeSet<>();

        // The rules, in list order, on the state in memory.
        Map<BranchDay, TodayService.Shared> sharedDays = new HashMap<>();
        Map<Long, Long> finishes = new TreeMap<>();
        Map<MemberDay, ReadingStore.DayRow> dayRows = new TreeMap<>(
                java.util.Comparator.comparingLong(MemberDay::memberId).thenComparing(MemberDay::day));
        Object[] decided = new Object[items.size()];
        for (int i = 0; i < items.size(); i++) {
            FinishItem item = items.get(i);
            ReadingStore.Session session = sessions.get(item.sessionId());
            if (session == null || session.memberId() != item.memberId()) {
                decided[i] = ApiException.notFound("Reading session " + item.sessionId());
                continue;
            }
            LibraryStore.ArticleSize article = articles.get(session.articleId());
            if (session.finishedAtMs() == null && latest.getOrDefault(item.memberId(), session.id()) > session.id()) {
                // One open session counts at a time: opening another article ended this one, so reading time cannot
                // run in parallel (N articles need N dwells).
                decided[i] = ApiException.conflict("READING_SESSION_SUPERSEDED", "Another article was opened after "
                        + "this one; open this article again to read it");
                continue;
            }
            long finishedAt = session.finishedAtMs() != null ? session.finishedAtMs() : now;
            long dwellMs = Math.max(0, finishedAt - session.startedAtMs());
            int minimum = config.minimumSecondsFor(article.charCount());
            if (dwellMs < minimum * 1000L) {
                long remaining = (minimum * 1000L - dwellMs + 999) / 1000;
                decided[i] = new ReadingTooFastException(dwellMs / 1000, minimum, remaining);
                continue;
            }
            LocalDate day = BusinessTime.dateOf(Instant.ofEpochMilli(finishedAt));
            boolean repeat = session.finishedAtMs() != null;
            if (!repeat) {
                finishes.put(session.id(), finishedAt);
                sessions.put(session.id(), new ReadingStore.Session(session.id(), session.memberId(),
                        session.articleId(), session.startedAtMs(), finishedAt));
            }
            Long branchId = branches.get(item.memberId());
            // The day's plan: the one read before the batch (the caller's branch, today), or (another branch since
            // the token was issued, a repeated finish of an earlier day's session, or the Shanghai day turned
            // meanwhile) computed from MySQL, never from Redis while row locks are held.
            TodayService.Shared shared = branchId == null ? TodayService.Shared.NONE
                    : branchId.equals(item.branchHint()) && day.equals(item.prefetchedDay()) ? item.prefetched()
                    : sharedDays.computeIfAbsent(new BranchDay(branchId, day),
                    k -> today.sharedFromDatabase(k.branchId(), k.day()));
            // Points only for an article of the member's plan (that day's, or a missed one of the catch-up days);
            // none without a branch (a pending registrant) or a plan.
            boolean planArticle = TodayService.inPlan(shared, article.id());
            MemberDay memberDay = new MemberDay(item.memberId(), day);
            Set<Long> readThatDay = read.computeIfAbsent(memberDay, k -> new HashSet<>());
            boolean firstToday = readThatDay.add(article.id());
            boolean done = branchId != null && TodayService.dayDone(shared, readThatDay);
            Streaks.Summary streak = streaks.get(item.memberId());
            if (done && Streaks.advances(streak, day)) {
                streak = Streaks.advance(streak, day);
                streaks.put(item.memberId(), streak);
                advancedTo.put(item.memberId(), day);
            } else if (done && !day.equals(streak.lastDone())) {
                outOfOrder.add(item.memberId());
            }
            // Once done, a day stays done: this finish's, or the streak's last done day (a new finish is today's).
            boolean dayDone = done || (streak != null && day.equals(streak.lastDone()));
            dayRows.put(memberDay, new ReadingStore.DayRow(item.memberId(), day, readThatDay.size(), done
                    || (dayRows.containsKey(memberDay) && dayRows.get(memberDay).done())));
            decided[i] = new Decision(item, article.id(), article.documentId(), day, dwellMs, finishedAt, branchId,
                    repeat, planArticle, firstToday, dayDone, Streaks.of(streak, businessToday));
        }

        // Points: one award per member and reference, all in one go (a repeat gets the original award back).
        Map<String, Integer> awardIndex = new HashMap<>();
        List<PointsService.AwardRequest> requests = new ArrayList<>();
        for (Object d : decided) {
            if (d instanceof Decision decision && decision.planArticle()) {
                awardIndex.computeIfAbsent(decision.item().memberId() + " " + decision.reference(), k -> {
                    requests.add(new PointsService.AwardRequest(decision.item().memberId(), PointsAction.READING,
                            decision.reference(), config.getPointsPerArticle()));
                    return requests.size() - 1;
                });
            }
        }
        PointsService.Awards granted = points.awardAll(requests);
        List<PointsAward> awards = granted.awards();

        List<ReadingStore.NewCompletion> completions = new ArrayList<>();
        List<GroupCommit.Outcome<Finished>> outcomes = new ArrayList<>(items.size());
        for (Object d : decided) {
            if (d instanceof ApiException error) {
                outcomes.add(GroupCommit.Outcome.failed(error));
                continue;
            }
            Decision decision = (Decision) d;
            Integer index = decision.planArticle()
                    ? awardIndex.get(decision.item().memberId() + " " + decision.reference()) : null;
            PointsAward award = index == null ? null : awards.get(index);
            int earned = award == null ? 0 : award.points();
            if (decision.firstToday()) {
                completions.add(new ReadingStore.NewCompletion(decision.item().memberId(), decision.articleId(),
                        decision.day(), decision.branchId(), decision.documentId(), decision.dwellMs(), earned,
                        decision.finishedAt()));
            }
            // A repeated finish of this session returns its outcome again; another session of an article already
            // read that day earns nothing more.
            boolean alreadyRead = !decision.firstToday() && !decision.repeat();
            FinishResult result = new FinishResult(decision.item().sessionId(), decision.articleId(), decision.day(),
                    decision.dwellMs() / 1000, alreadyRead ? 0 : earned, award != null && award.capped(), alreadyRead,
                    decision.planArticle(), decision.dayDone(), decision.streak().current(),
                    decision.streak().longest());
            outcomes.add(GroupCommit.Outcome.ok(new Finished(result, granted.figuresFor(award))));
        }
        completions.sort(java.util.Comparator.comparingLong(ReadingStore.NewCompletion::memberId)
                .thenComparingLong(ReadingStore.NewCompletion::articleId)
                .thenComparing(ReadingStore.NewCompletion::day));
        // One round trip for the writes: the sessions finished, the completions, the days, the streaks.
        List<Sql.Step> writes = new ArrayList<>(store.finishSessions(finishes));
        List<Sql.Step> completionRows = store.recordCompletions(completions);
        writes.addAll(completionRows);
        writes.addAll(store.recordDays(List.copyOf(dayRows.values())));
        writes.addAll(store.advanceStreaks(advancedTo));
        if (!outOfOrder.isEmpty()) {
            writes.add(store.recomputeStreaks(outOfOrder));
        }
        int[] counts = sql.script(writes);
        int recorded = completionRows.isEmpty() ? 0 : counts[finishes.isEmpty() ? 0 : 1];
        if (recorded != completions.size()) {
            // Another transaction recorded one of these meanwhile (read before it committed): undo all of it; alone,
            // each is decided again on what is committed.
            throw new IllegalStateException("A reading completion was recorded concurrently");
        }
        return outcomes;
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
