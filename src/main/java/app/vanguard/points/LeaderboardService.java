package app.vanguard.points;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.org.Role;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Leaderboards (排行榜) of a branch or of any organisation above branches, per day, ISO week, month or all time;
 * the caller's own place; branches compared by points per member; and the admin rebuild from the ledger (a
 * background job, see {@link RebuildJobs}).
 * A member sees the boards of their branch and of its ancestors; an admin those of their subtree.
 */
@Singleton
public class LeaderboardService {

    private final AccessPolicy access;
    private final OrganisationRepository organisations;
    private final Boards boards;
    private final RebuildJobs jobs;
    private final MemberStore members;
    private final BoardNames boardNames;
    private final Clock clock;
    private final BoardSettings settings;

    public LeaderboardService(AccessPolicy access, OrganisationRepository organisations, Boards boards,
                              RebuildJobs jobs, MemberStore members, BoardNames boardNames, Clock clock,
                              BoardSettings settings) {
        this.boardNames = boardNames;
        this.settings = settings;
        this.access = access;
        this.organisations = organisations;
        this.boards = boards;
        this.jobs = jobs;
        this.members = members;
        this.clock = clock;
    }

    /** The top of an organisation's board for the period containing {@code date} (today when null). */
    public PointsViews.Leaderboard top(Caller caller, long orgId, Period period, @Nullable LocalDate date, int top) {
        Organisation org = requireViewBoard(caller, orgId);
        LocalDate day = date == null ? BusinessTime.today(clock) : date;
        // The rebuild status and the board in one round trip (pipelined); the board is used only when settled.
        CompletableFuture<Boards.RebuildStatus> status = boards.rebuildStatusAsync();
        CompletableFuture<Boards.Top> sent = boards.topAsync(BoardSync.board(orgId, period, day), top);
        long deadline = System.nanoTime() + boards.readTimeout().toNanos();
        requireSettled(org, Boards.await(status, remaining(deadline)));
        Boards.Top board = Boards.await(sent, remaining(deadline));
        return new PointsViews.Leaderboard(orgId, org.name(), period, period.start(day), period.end(day), board.size(),
                named(board.ranked()));
    }

    /** The caller's place on an organisation's board, with their neighbours. */
    public PointsViews.MyRank me(Caller caller, long orgId, Period period, @Nullable LocalDate date, int neighbours) {
        Organisation org = requireViewBoard(caller, orgId);
        LocalDate day = date == null ? BusinessTime.today(clock) : date;
        CompletableFuture<Boards.RebuildStatus> status = boards.rebuildStatusAsync();
        CompletableFuture<Boards.Around> sent = boards.aroundAsync(BoardSync.board(orgId, period, day),
                caller.memberId(), neighbours);
        long deadline = System.nanoTime() + boards.readTimeout().toNanos();
        requireSettled(org, Boards.await(status, remaining(deadline)));
        Boards.Around around = Boards.await(sent, remaining(deadline));
        List<PointsViews.RankedMember> named = named(around.around());
        List<PointsViews.RankedMember> above = named.stream().filter(r -> r.rank() < around.rank()).toList();
        List<PointsViews.RankedMember> below = named.stream().filter(r -> r.rank() > around.rank()).toList();
        return new PointsViews.MyRank(orgId, period, period.start(day), period.end(day), around.size(),
                around.rank() == 0 ? null : around.rank(),
                around.points(), above, below);
    }

    /** The subtree's branches compared by points per enabled member. */
    public PointsViews.BranchRanking branchRanking(Caller caller, long orgId, Period period, @Nullable LocalDate date) {
        Organisation org = requireViewBoard(caller, orgId);
        requireSettled(org);
        LocalDate day = date == null ? BusinessTime.today(clock) : date;
        List<Organisation> branches = organisations.findSubtree(org.path()).stream()
                .filter(o -> o.type() == OrgType.BRANCH).toList();
        List<Long> totals = boards.totals(branches.stream().map(b -> BoardSync.board(b.id(), period, day)).toList());
        Map<Long, Long> enabled = members.enabledMembers(branches.stream().map(Organisation::id).toList());
        List<PointsViews.RankedBranch> rows = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            Organisation b = branches.get(i);
            long count = enabled.getOrDefault(b.id(), 0L);
            long points = totals.get(i);
            double perMember = count == 0 ? 0 : Math.round(points * 100.0 / count) / 100.0;
            rows.add(new PointsViews.RankedBranch(0, b.id(), b.name(), points, count, perMember));
        }
        rows.sort(Comparator.comparingDouble((PointsViews.RankedBranch r) -> -exact(r))
                .thenComparing(r -> -r.points()).thenComparing(PointsViews.RankedBranch::branchId));
        List<PointsViews.RankedBranch> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            PointsViews.RankedBranch r = rows.get(i);
            ranked.add(new PointsViews.RankedBranch(i + 1, r.branchId(), r.name(), r.points(), r.members(), r.pointsPerMember()));
        }
        return new PointsViews.BranchRanking(orgId, org.name(), period, period.start(day), period.end(day), ranked);
    }

    /**
     * Starts rebuilding boards from the ledger in the background: every board (system admin, no orgId) or those of
     * one subtree (its org admin or a system admin). REBUILD_IN_PROGRESS (409, with the running job's Location) when one runs.
     */
    public RebuildJobs.Job rebuild(Caller caller, @Nullable Long orgId) {
        Organisation root = null;
        if (orgId == null) {
            if (!caller.isSystemAdmin()) {
                throw ApiException.forbidden("Only a system admin may rebuild every board; give orgId");
            }
        } else {
            root = access.requireAdminister(caller, orgId);
        }
        try {
            return jobs.start(root);
        } catch (RebuildJobs.InProgressException e) {
            ApiException conflict = new ApiException(HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS", e.getMessage())
                    .arg("id", e.runningId());
            if (!e.runningId().isEmpty()) {
                conflict.header(HttpHeaders.LOCATION, jobPath(e.runningId()));
            }
            throw conflict;
        }
    }

    /**
     * A rebuild job, from whichever instance runs it: to a system admin, or for a subtree's rebuild to an org admin
     * of that organisation or an ancestor.
     */
    public RebuildJobs.Job rebuildJob(Caller caller, String id) {
        RebuildJobs.Job job = jobs.find(id).orElseThrow(() -> ApiException.notFound("Leaderboard rebuild " + id));
        if (!caller.isSystemAdmin()) {
            if (job.orgId() == null) {
                throw ApiException.forbidden("Only a system admin may see a rebuild of every board");
            }
            access.requireAdminister(caller, job.orgId());
        }
        return job;
    }

    static String jobPath(String id) {
        return "/admin/leaderboards/rebuilds/" + id;
    }

    /** Members per point, unrounded, so ranking does not depend on rounding. */
    /**
     * A board being rebuilt is incomplete (empty at first): rather than present it as the truth, answer 503
     * LEADERBOARD_REBUILDING with Retry-After. Concerned: every board while the watermark is missing (Redis lost
     * them) or a rebuild of every board runs; the boards of a rebuilt subtree and of the organisations above it.
     */
    private void requireSettled(Organisation org) {
        requireSettled(org, boards.rebuildStatus());
    }

    private void requireSettled(Organisation org, Boards.RebuildStatus status) {
        if (!status.running()) {
            return;
        }
        boolean concerned = status.watermarkMissing() || status.jobOrgId() == null;
        if (!concerned) {
            Organisation root = access.organisation(status.jobOrgId());
            concerned = org.path().startsWith(root.path()) || root.path().startsWith(org.path());
        }
        if (concerned) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "LEADERBOARD_REBUILDING",
                    "This leaderboard is being rebuilt from the ledger; try again shortly")
                    .header("Retry-After", Long.toString(Math.max(1, settings.getRebuildRetryAfter().toSeconds())));
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private static double exact(PointsViews.RankedBranch r) {
        return r.members() == 0 ? 0 : (double) r.points() / r.members();
    }

    /**
     * The board of an organisation (a branch or any level above; groups have none) the caller may see: it is their
     * branch or an ancestor of it (or of a branch they are secretary or committee member of), or they administer it.
     */
    private Organisation requireViewBoard(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        if (org.type() == OrgType.GROUP) {
            throw ApiException.notFound("Leaderboard of organisation " + orgId);
        }
        if (access.canAdminister(caller, org)) {
            return org;
        }
        List<Long> branches = new ArrayList<>(caller.orgsWith(Role.SECRETARY));
        branches.addAll(caller.orgsWith(Role.COMMITTEE_MEMBER));
        if (caller.branchId() != null) {
            branches.add(caller.branchId());
        }
        for (Long branchId : branches) {
            if (access.organisation(branchId).path().startsWith(org.path())) {
                return org;
            }
        }
        throw ApiException.forbidden("You may not see the leaderboards of organisation " + orgId);
    }

    private List<PointsViews.RankedMember> named(List<Boards.Ranked> ranked) {
        Map<Long, MemberStore.MemberName> names = boardNames.names(ranked.stream().map(Boards.Ranked::memberId).toList());
        List<PointsViews.RankedMember> out = new ArrayList<>(ranked.size());
        for (Boards.Ranked r : ranked) {
            MemberStore.MemberName n = names.get(r.memberId());
            out.add(new PointsViews.RankedMember(r.rank(), r.memberId(), n == null ? "" : n.name(),
                    n == null ? null : n.branchId(), n == null ? null : n.branchName(), r.points()));
        }
        return out;
    }
}
