package app.vanguard.reading;

import io.micronaut.data.connection.annotation.Connectable;
import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.reading.ReadingViews.ArticleBrief;
import app.vanguard.reading.ReadingViews.MissedArticle;
import app.vanguard.reading.ReadingViews.TodayArticle;
import app.vanguard.reading.ReadingViews.TodayView;
import app.vanguard.shared.BusinessTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A member's "today": the plan's articles for the day (day n of the plan reads articles (n-1)·k … n·k-1 of the plan's
 * documents in order, wrapping round so the whole text is read through in cycles), which of them are finished, and
 * what was assigned on the last days of the catch-up window and is still unread (missed).
 */
@Singleton
public class TodayService {

    /** What every member of a branch shares on a day; cached in Redis. */
    @Serdeable
    public record Shared(@Nullable Long planId, @Nullable Long planOrgId, int dayNumber, int cycle,
                         @Nullable LocalDate startsOn, List<ArticleBrief> today, List<Assigned> earlier) {
        static final Shared NONE = new Shared(null, null, 0, 0, null, List.of(), List.of());

        /** Empty lists are left out of the cached JSON: read back as empty. */
        public Shared {
            today = today == null ? List.of() : today;
            earlier = earlier == null ? List.of() : earlier;
        }
    }

    @Serdeable
    public record Assigned(LocalDate date, List<ArticleBrief> articles) {
        public Assigned {
            articles = articles == null ? List.of() : articles;
        }
    }

    private final ReadingStore store;
    private final PlanService plans;
    private final LibraryStore library;
    private final ReadingCache cache;
    private final ReadingSettings config;
    private final OrganisationRepository organisations;
    private final Clock clock;

    public TodayService(ReadingStore store, PlanService plans, LibraryStore library, ReadingCache cache, ReadingSettings config,
                        OrganisationRepository organisations, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.library = library;
        this.cache = cache;
        this.config = config;
        this.organisations = organisations;
        this.clock = clock;
    }

    // The member's own reading in one statement, no transaction (bench/: a read-only one costs 3 extra round trips);
    // the branch's day from the cache.
    @Connectable
    public TodayView today(Caller caller) {
        LocalDate today = BusinessTime.today(clock);
        Shared shared = caller.branchId() == null ? Shared.NONE : shared(caller.branchId(), today);
        LocalDate from = today.minusDays(config.getCatchUpDays());
        Map<Long, LocalDate> lastRead = new HashMap<>();
        Set<Long> readToday = new HashSet<>();
        ReadingStore.MemberDays own = store.memberDays(caller.memberId(), from, today);
        for (ReadingStore.Completion c : own.completions()) {
            lastRead.merge(c.articleId(), c.date(), (a, b) -> a.isAfter(b) ? a : b);
            if (c.date().equals(today)) {
                readToday.add(c.articleId());
            }
        }
        List<TodayArticle> articles = new ArrayList<>();
        for (ArticleBrief a : shared.today()) {
            articles.add(new TodayArticle(a.id(), a.documentId(), a.label(), a.title(), a.charCount(),
                    config.minimumSecondsFor(a.charCount()), readToday.contains(a.id())));
        }
        List<MissedArticle> missed = new ArrayList<>();
        Set<Long> listed = new HashSet<>();
        shared.today().forEach(a -> listed.add(a.id()));
        for (Assigned day : shared.earlier()) {
            for (ArticleBrief a : day.articles()) {
                LocalDate read = lastRead.get(a.id());
                if ((read == null || read.isBefore(day.date())) && listed.add(a.id())) {
                    missed.add(new MissedArticle(day.date(), a.id(), a.documentId(), a.label(), a.title(), a.charCount(),
                            config.minimumSecondsFor(a.charCount())));
                }
            }
        }
        missed.sort(java.util.Comparator.comparing(MissedArticle::assignedOn));
        Streaks.Result streak = streak(caller.memberId(), own.streak(), today);
        return new TodayView(today, shared.planId(), shared.planOrgId(), shared.dayNumber(), shared.cycle(),
                shared.startsOn(), articles, missed, streak.todayDone(), streak.current(), streak.longest());
    }

    Streaks.Result streak(long memberId, LocalDate today) {
        return streak(memberId, store.streaks(List.of(memberId)).get(memberId), today);
    }

    /** The member's streak from its row; from every done day only when the row is ahead of today (a clock set back). */
    private Streaks.Result streak(long memberId, Streaks.@Nullable Summary summary, LocalDate today) {
        return Streaks.readable(summary, today) ? Streaks.of(summary, today)
                : Streaks.of(store.doneDays(memberId), today);
    }

    /**
     * Whether a day's reading is done, given the articles the member read that day: every article the plan gives
     * that day, or one without a plan.
     */
    boolean dayDone(@Nullable Long branchId, LocalDate date, Set<Long> read) {
        if (branchId == null) {
            return false; // a pending registrant (no branch yet) has no plan and no done days until verified
        }
        return dayDone(shared(branchId, date), read);
    }

    /** {@link #dayDone(Long, LocalDate, Set)} for a branch's day already read. */
    static boolean dayDone(Shared shared, Set<Long> read) {
        if (shared.today().isEmpty()) {
            return !read.isEmpty();
        }
        return shared.today().stream().allMatch(a -> read.contains(a.id()));
    }

    /**
     * Whether the article earns reading points on {@code date}: it is one the member's plan gives that day, or one
     * it gave on the {@code catch-up-days} days before (catching up). No branch or no plan: nothing earns points.
     */
    boolean inPlan(@Nullable Long branchId, LocalDate date, long articleId) {
        return inPlan(branchId == null ? Shared.NONE : shared(branchId, date), articleId);
    }

    /** {@link #inPlan(Long, LocalDate, long)} for a branch's day already read. */
    static boolean inPlan(Shared shared, long articleId) {
        if (shared.today().stream().anyMatch(a -> a.id() == articleId)) {
            return true;
        }
        return shared.earlier().stream().anyMatch(d -> d.articles().stream().anyMatch(a -> a.id() == articleId));
    }

    /** {@link #shared} on a connection of its own, outside any transaction (a finish's read before its batch). */
    @Connectable
    public Shared branchDay(long branchId, LocalDate date) {
        return shared(branchId, date);
    }

    Shared shared(long branchId, LocalDate date) {
        return cache.today(branchId, date, () -> compute(branchId, date));
    }

    /** The branch's day from MySQL only (inside a transaction that holds row locks: never Redis there). */
    Shared sharedFromDatabase(long branchId, LocalDate date) {
        return compute(branchId, date);
    }

    private Shared compute(long branchId, LocalDate date) {
        Organisation branch = organisations.findById(branchId).orElse(null);
        if (branch == null) {
            return Shared.NONE;
        }
        PlanStore.Plan plan = plans.planFor(branch).orElse(null);
        if (plan == null) {
            return Shared.NONE;
        }
        List<ArticleBrief> sequence = library.sequence(plan.documentIds());
        long day = ChronoUnit.DAYS.between(plan.startDate(), date);
        if (sequence.isEmpty() || day < 0) {
            return new Shared(plan.id(), plan.orgId(), 0, 0, day < 0 ? plan.startDate() : null, List.of(), List.of());
        }
        int n = sequence.size();
        int perDay = Math.min(plan.articlesPerDay(), n);
        List<Assigned> earlier = new ArrayList<>();
        for (int back = 1; back <= config.getCatchUpDays() && day - back >= 0; back++) {
            earlier.add(new Assigned(date.minusDays(back), assigned(sequence, day - back, perDay)));
        }
        int cycle = (int) (day * perDay / n) + 1;
        return new Shared(plan.id(), plan.orgId(), (int) day + 1, cycle, null, assigned(sequence, day, perDay), earlier);
    }

    private static List<ArticleBrief> assigned(List<ArticleBrief> sequence, long day, int perDay) {
        List<ArticleBrief> out = new ArrayList<>(perDay);
        long first = day * perDay;
        for (int i = 0; i < perDay; i++) {
            out.add(sequence.get((int) ((first + i) % sequence.size())));
        }
        return out;
    }
}
