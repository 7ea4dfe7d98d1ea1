package app.vanguard.points;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.BusinessTime;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the Redis boards equal to the MySQL ledger: the live update after each award, the catch-up of whatever a
 * failed live update missed (watermark {@code lb:{meta}:w} = the last ledger id every board reflects), and the
 * rebuild from the ledger (automatic when the watermark is gone, i.e. Redis lost its data; or on an admin request).
 * Every path sends absolute totals computed from the ledger, which the boards only ever raise: repeats and races
 * between the paths cannot double-count.
 */
@Singleton
public class BoardSync {

    private static final Logger LOG = LoggerFactory.getLogger(BoardSync.class);
    private static final int CHUNK = 500;
    private static final List<Period> PERIODS = List.of(Period.DAY, Period.WEEK, Period.MONTH);

    private final BoardLedgerStore ledger;
    private final Boards boards;
    private final BoardSettings settings;
    private final OrganisationRepository organisations;
    private final AccessPolicy access;
    private final Clock clock;
    private final BeanProvider<RebuildJobs> jobs;

    public BoardSync(BoardLedgerStore ledger, Boards boards, BoardSettings settings,
                     OrganisationRepository organisations, AccessPolicy access, Clock clock,
                     BeanProvider<RebuildJobs> jobs) {
        this.jobs = jobs;
        this.access = access;
        this.ledger = ledger;
        this.boards = boards;
        this.settings = settings;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** What a rebuild did. */
    public record RebuildResult(int boards, int members, long watermark) {
    }

    /**
     * After an award transaction committed: puts its members' figures (read inside it, see {@link BoardFigures}) on
     * every board the awards touch (their day, week, month and all time × the branch and each ancestor). Redis only.
     * Never throws: if Redis is down the ledger rows are already safe and the catch-up applies them later.
     */
    public void afterAwards(BoardFigures figures) {
        try {
            List<Boards.Board> targets = new ArrayList<>();
            for (Period p : Period.values()) {
                targets.add(board(0, p, figures.day()));
            }
            boards.apply(updates(named(figures.rows(), null), targets, null));
        } catch (RuntimeException e) {
            LOG.warn("Board update for {} figures deferred to the catch-up: {}", figures.rows().size(), e.toString());
        }
    }

    @Scheduled(fixedDelay = "${vanguard.points.boards.catch-up-interval:5s}",
            initialDelay = "${vanguard.points.boards.catch-up-interval:5s}")
    void scheduledCatchUp() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.debug("Board catch-up skipped: {}", e.toString());
        }
    }

    /**
     * Brings the boards up to the ledger: a full rebuild when the watermark is missing (Redis lost its data),
     * otherwise re-sends the totals of every member with entries after the watermark that are older than the lag.
     */
    public synchronized void catchUp() {
        if (!boards.connected()) {
            return;
        }
        Long watermark = boards.watermark();
        if (watermark == null) {
            LOG.info("Leaderboard watermark missing (Redis lost its data?): rebuilding every board from the ledger");
            jobs.get().runNow(null);
            return;
        }
        long upto = ledger.lastEntryBefore(watermark, clock.millis() - settings.getCatchUpLag().toMillis());
        if (upto <= watermark) {
            return;
        }
        List<Long> members = ledger.membersOfEntries(watermark, upto);
        List<Boards.Board> targets = retainedTargets();
        for (int i = 0; i < members.size(); i += CHUNK) {
            push(members.subList(i, Math.min(members.size(), i + CHUNK)), targets, null);
        }
        boards.raiseWatermark(upto);
    }

    /**
     * Told of a rebuild's progress before it writes each step (a page of the ledger, a batch of deletes) to Redis;
     * throws to stop the rebuild, e.g. when its lock was lost.
     */
    public interface Progress {
        Progress NONE = (boards, members) -> {
        };

        void step(int boards, int members);
    }

    /**
     * Rebuilds from the ledger every retained board of the subtree under {@code root} (every board when null):
     * deletes them when {@code clear} (an admin request: what Redis holds may be wrong), then sends every member's
     * totals. The caller holds the rebuild lock (see {@link RebuildJobs}) and keeps it alive from {@code progress}.
     * Reads the ledger a page at a time (whole members, {@code vanguard.points.boards.rebuild-page-rows} entries) and
     * reads the next page while Redis applies the previous one.
     */
    public RebuildResult rebuild(@Nullable Organisation root, boolean clear, Progress progress) {
        long startWatermark = ledger.lastEntryBefore(0, clock.millis() - settings.getCatchUpLag().toMillis());
        List<Boards.Board> targets = retainedTargets();
        String subtree = root == null ? null : root.path();
        Map<Long, String> branchPaths = new HashMap<>();
        List<Boards.Board> all = new ArrayList<>();
        for (Organisation org : root == null ? organisations.findAll() : organisations.findSubtree(subtree)) {
            if (org.type() == OrgType.GROUP) {
                continue;
            }
            branchPaths.put(org.id(), org.path());
            for (Boards.Board t : targets) {
                all.add(board(org.id(), t.period(), t.date()));
            }
        }
        if (clear) {
            for (int i = 0; i < all.size(); i += CHUNK) {
                progress.step(all.size(), 0);
                boards.delete(all.subList(i, Math.min(all.size(), i + CHUNK)));
            }
        }
        LocalDate from = earliestStart(targets);
        int members = 0;
        long after = 0;
        long readNanos = 0;
        long sumNanos = 0;
        long redisNanos = 0;
        Boards.Pending inFlight = null;
        while (true) {
            long t0 = System.nanoTime();
            BoardLedgerStore.Page page = ledger.page(after, settings.getRebuildPageRows(), from);
            long t1 = System.nanoTime();
            List<BoardLedgerStore.Contribution> rows = new ArrayList<>(page.rows().size());
            long lastMember = -1;
            for (BoardLedgerStore.BranchContribution row : page.rows()) {
                String path = branchPaths.get(row.branchId());
                if (path == null) {
                    continue; // a branch outside the subtree (or no longer there)
                }
                rows.add(new BoardLedgerStore.Contribution(row.memberId(), path, row.date(), row.points(),
                        row.reachedAtMs()));
                if (row.memberId() != lastMember) {
                    members++; // rows come ordered by member
                    lastMember = row.memberId();
                }
            }
            List<Boards.Update> updates = updates(rows, targets, subtree);
            progress.step(all.size(), members);
            long t2 = System.nanoTime();
            if (inFlight != null) {
                inFlight.await(Boards.BULK_TIMEOUT);
            }
            inFlight = boards.sendBulk(updates);
            long t3 = System.nanoTime();
            readNanos += t1 - t0;
            sumNanos += t2 - t1;
            redisNanos += t3 - t2;
            if (page.last()) {
                break;
            }
            after = page.lastMemberId();
        }
        long t0 = System.nanoTime();
        inFlight.await(Boards.BULK_TIMEOUT);
        redisNanos += System.nanoTime() - t0;
        if (root == null) {
            boards.setWatermark(startWatermark);
        }
        LOG.info("Rebuilt {} leaderboards of {} members from the ledger (ms: ledger reads {}, summing {}, waiting for "
                + "Redis {})", all.size(), members, readNanos / 1_000_000, sumNanos / 1_000_000, redisNanos / 1_000_000);
        return new RebuildResult(all.size(), members, startWatermark);
    }

    /**
     * Contributions by branch path (the boards are keyed by the branch and its ancestors), limited to branches under
     * {@code subtree} when it is given. Paths come from org's {@link AccessPolicy#organisation} (cached: a path never
     * changes), so this adds no statement once the branches are known.
     */
    private List<BoardLedgerStore.Contribution> named(List<BoardLedgerStore.BranchContribution> byBranch,
                                                      @Nullable String subtree) {
        List<BoardLedgerStore.Contribution> rows = new ArrayList<>(byBranch.size());
        for (BoardLedgerStore.BranchContribution row : byBranch) {
            String path = access.organisation(row.branchId()).path();
            if (subtree == null || path.startsWith(subtree)) {
                rows.add(new BoardLedgerStore.Contribution(row.memberId(), path, row.date(), row.points(),
                        row.reachedAtMs()));
            }
        }
        return rows;
    }

    /** The first day any of the period targets covers (today when there are only all-time ones). */
    private LocalDate earliestStart(List<Boards.Board> targets) {
        return targets.stream().filter(t -> t.period() != Period.ALL).map(t -> t.period().start(t.date()))
                .min(LocalDate::compareTo).orElse(BusinessTime.today(clock));
    }

    /** Sends the members' totals (their figures kept beside the ledger) to the target boards. */
    private void push(List<Long> memberIds, List<Boards.Board> targets, @Nullable String subtree) {
        List<BoardLedgerStore.Contribution> rows = named(ledger.figures(memberIds, earliestStart(targets)), subtree);
        boards.applyBulk(updates(rows, targets, subtree));
    }

    /** Every period board still kept (not yet expired) today, plus all time; org id 0 = any organisation. */
    List<Boards.Board> retainedTargets() {
        LocalDate today = BusinessTime.today(clock);
        long now = clock.millis();
        Set<Boards.Board> targets = new LinkedHashSet<>();
        int longest = Math.max(settings.getDayRetentionDays(), settings.getPeriodRetentionDays()) + 31;
        for (LocalDate d = today.minusDays(longest); !d.isAfter(today); d = d.plusDays(1)) {
            for (Period p : List.of(Period.DAY, Period.WEEK, Period.MONTH)) {
                if (p.expiresAtMs(d, settings.retentionDays(p)) > now) {
                    targets.add(board(0, p, d));
                }
            }
        }
        targets.add(board(0, Period.ALL, today));
        return new ArrayList<>(targets);
    }

    /** The board of an organisation for the period containing {@code date}, with a normalised date. */
    public static Boards.Board board(long orgId, Period period, LocalDate date) {
        return new Boards.Board(orgId, period, period == Period.ALL ? LocalDate.EPOCH : period.start(date));
    }

    /**
     * Sums the contributions into each (organisation, target period) board: points and latest award time. A dated
     * row counts on the day, week and month containing it when those are targets; an undated one on all time.
     */
    private List<Boards.Update> updates(List<BoardLedgerStore.Contribution> rows, List<Boards.Board> targets,
                                        @Nullable String subtree) {
        Set<Boards.Board> targetSet = new HashSet<>(targets);
        boolean allTime = targetSet.contains(board(0, Period.ALL, LocalDate.EPOCH));
        Map<String, List<Long>> orgsByPath = new HashMap<>();
        Map<Boards.Board, Map<Long, long[]>> sums = new HashMap<>();
        List<Boards.Board> counted = new ArrayList<>(3);
        for (BoardLedgerStore.Contribution row : rows) {
            counted.clear();
            if (row.date() == null) {
                if (allTime) {
                    counted.add(board(0, Period.ALL, LocalDate.EPOCH));
                }
            } else {
                for (Period p : PERIODS) {
                    Boards.Board target = board(0, p, row.date());
                    if (targetSet.contains(target)) {
                        counted.add(target);
                    }
                }
            }
            if (counted.isEmpty()) {
                continue;
            }
            for (long orgId : orgsByPath.computeIfAbsent(row.branchPath(), path -> orgsOf(path, subtree))) {
                for (Boards.Board target : counted) {
                    long[] sum = sums.computeIfAbsent(new Boards.Board(orgId, target.period(), target.date()),
                            k -> new HashMap<>()).computeIfAbsent(row.memberId(), k -> new long[2]);
                    sum[0] += row.points();
                    sum[1] = Math.max(sum[1], row.reachedAtMs());
                }
            }
        }
        List<Boards.Update> updates = new ArrayList<>();
        sums.forEach((board, members) -> {
            long expiresAt = board.period().expiresAtMs(board.date(), settings.retentionDays(board.period()));
            members.forEach((memberId, sum) -> updates.add(new Boards.Update(board, memberId, sum[0], sum[1], expiresAt)));
        });
        return updates;
    }

    /** The organisations of a branch path ("/1/5/12/" → 1, 5, 12), only those at or under {@code subtree}. */
    private static List<Long> orgsOf(String path, @Nullable String subtree) {
        // "/1/5/" → keep from "/5/" on: the subtree's root and what lies below it.
        String from = subtree == null ? path : path.substring(subtree.lastIndexOf('/', subtree.length() - 2));
        List<Long> ids = new ArrayList<>();
        for (String part : from.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }
}
