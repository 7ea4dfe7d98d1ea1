package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.GroupCommit;
import app.vanguard.shared.PageResponse;
import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Contests: creation by an organiser, attempts timed by the server, the live board in Redis (updated after each
 * attempt's transaction commits), and the freeze of results in MySQL once the contest is over.
 */
@Singleton
public class ContestService {

    private static final Logger LOG = LoggerFactory.getLogger(ContestService.class);
    static final int MAX_TIME_LIMIT_SECONDS = 4 * 3600;

    private final ContestTx tx;
    private final ContestBoard board;
    private final QuizAccess access;
    private final ContestBudget budget;
    private final ContestExport export;
    private final QuizCache cache;
    private final Clock clock;
    private final QuizSettings settings;
    /** A contest's submit burst: many contestants' submits in one transaction (group commit), boards after it. */
    private final GroupCommit.Batcher<ContestTx.SubmitItem, ContestTx.Submitted> submits;
    /** A contest's opening minute: many contestants' starts in one transaction (group commit). */
    private final GroupCommit.Batcher<ContestTx.StartItem, ContestTx.Started> starts;

    ContestService(ContestTx tx, ContestBoard board, QuizAccess access, ContestBudget budget, ContestExport export,
                   QuizCache cache, Clock clock, GroupCommit groupCommit, QuizSettings settings) {
        this.cache = cache;
        this.settings = settings;
        this.submits = groupCommit.batcher("contest-submit", tx::submitAll, this::afterSubmits);
        this.starts = groupCommit.batcher("contest-start", tx::startAll, (items, outcomes) -> {
            for (int i = 0; i < items.size(); i++) {
                if (outcomes.get(i).succeeded() && outcomes.get(i).value().timedOut() != null) {
                    onFinished(items.get(i).contest(), items.get(i).memberId()); // never throws
                }
            }
        });
        this.export = export;
        this.tx = tx;
        this.board = board;
        this.access = access;
        this.budget = budget;
        this.clock = clock;
    }

    // --- organiser

    ContestViews.ContestView create(Caller caller, long orgId, ContestViews.ContestRequest r) {
        Organisation org = access.requireManage(caller, orgId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!r.endsAt().isAfter(r.startsAt())) {
            errors.add(new Problem.FieldError("endsAt", null, "must be after startsAt"));
        }
        ContestViews.DifficultyMix mix = r.difficultyMix();
        if (mix != null && mix.easy() + mix.medium() + mix.hard() != r.questionCount()) {
            errors.add(new Problem.FieldError("difficultyMix", null, "easy + medium + hard must equal questionCount"));
        }
        if (mix != null && (mix.easy() < 0 || mix.medium() < 0 || mix.hard() < 0)) {
            errors.add(new Problem.FieldError("difficultyMix", null, "counts must not be negative"));
        }
        List<String> tags = r.tags() == null ? List.of() : r.tags().stream().map(String::trim).filter(t -> !t.isEmpty())
                .distinct().toList();
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        Map<Difficulty, Integer> pool = tx.poolSizes(QuizAccess.selfAndAncestors(org), tags);
        int total = pool.values().stream().mapToInt(Integer::intValue).sum();
        boolean enough = mix == null ? total >= r.questionCount()
                : pool.get(Difficulty.EASY) >= mix.easy() && pool.get(Difficulty.MEDIUM) >= mix.medium()
                && pool.get(Difficulty.HARD) >= mix.hard();
        if (!enough) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "NOT_ENOUGH_QUESTIONS",
                    "The banks of this organisation and its ancestors hold too few matching questions (easy "
                            + pool.get(Difficulty.EASY) + ", medium " + pool.get(Difficulty.MEDIUM) + ", hard "
                            + pool.get(Difficulty.HARD) + ")");
        }
        Contest c = tx.create(new Contest(0, org.id(), r.title().trim(), r.startsAt().toEpochMilli(), r.endsAt().toEpochMilli(),
                r.timeLimitSeconds(), r.questionCount(), tags, mix == null ? null : mix.easy(),
                mix == null ? null : mix.medium(), mix == null ? null : mix.hard(), r.pointsPerQuestion(),
                r.attemptsAllowed(), r.revealAnswers(), caller.memberId(), clock.millis(), null));
        return ContestViews.ContestView.of(c, clock.millis(), budget.of(c));
    }

    /** The contest, if the caller may see it: its organisers and the members of its subtree. */
    Contest visible(Caller caller, long contestId) {
        Contest c = tx.contest(contestId);
        Organisation org = access.organisation(c.orgId());
        if (!access.canManage(caller, org) && !access.isInSubtree(caller, org)) {
            throw ApiException.forbidden("You do not take part in contest " + contestId);
        }
        return freezeIfOver(c);
    }

    Contest organised(Caller caller, long contestId) {
        Contest c = tx.contest(contestId);
        access.requireManage(caller, c.orgId());
        return freezeIfOver(c);
    }

    /**
     * Only members of the subtree take part (an organiser from outside it watches). The contest may come from the
     * cache (QuizCache): its fields never change, and whatever depends on its freeze reads it again.
     */
    private Contest participating(Caller caller, long contestId) {
        Contest c = cache.contest(contestId, tx::contest);
        if (!access.isInSubtree(caller, access.organisation(c.orgId()))) {
            throw ApiException.forbidden("You do not take part in contest " + contestId);
        }
        return c;
    }

    ContestViews.ContestView view(Caller caller, long contestId) {
        Contest c = visible(caller, contestId);
        return ContestViews.ContestView.of(c, clock.millis(), budget.of(c));
    }

    PageResponse<ContestViews.ContestView> mine(Caller caller, int page, int size) {
        if (caller.branchId() == null) {
            return new PageResponse<>(List.of(), page, size, 0);
        }
        Organisation branch = access.organisation(caller.branchId());
        long now = clock.millis();
        List<Long> orgs = QuizAccess.selfAndAncestors(branch);
        return new PageResponse<>(tx.contestsFor(orgs, size, PageResponse.offset(page, size)).stream()
                .map(c -> ContestViews.ContestView.of(c, now, budget.of(c))).toList(), page, size,
                tx.countContestsFor(orgs));
    }

    // --- attempts

    record StartResult(ContestViews.AttemptView view, boolean existing) {
    }

    /**
     * Starts an attempt through the group commit (answered once the transaction holding it has committed), or
     * answers with the attempt already running.
     */
    CompletableFuture<StartResult> start(Caller caller, long contestId) {
        Contest c = participating(caller, contestId);
        List<Long> banks = QuizAccess.selfAndAncestors(access.organisation(c.orgId()));
        for (Long bank : banks) {
            if (access.canManage(caller, access.organisation(bank))) {
                // Whoever can read a bank the contest draws from (its secretary, an admin above) only watches.
                throw new ApiException(HttpStatus.FORBIDDEN, "CONTEST_BANK_READER", "You can read the question bank "
                        + "of organisation " + bank + " that this contest draws from, so you cannot take part");
            }
        }
        ContestTx.StartItem item = new ContestTx.StartItem(c, banks, caller.memberId(), caller.branchId());
        return starts.submit(item).exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            // A concurrent start of the same member won the attempt number: start again, answering with that attempt.
            return Sql.isDuplicate(cause) ? starts.submit(item) : CompletableFuture.failedFuture(cause);
        }).thenApply(started -> new StartResult(shown(c, tx.view(c, started.snapshot())), started.existing()));
    }

    ContestViews.AttemptView attempt(Caller caller, long contestId, long attemptId) {
        Contest c = participating(caller, contestId);
        ContestTx.Loaded loaded = tx.load(c, attemptId, caller.memberId());
        if (loaded.timedOutNow()) {
            onFinished(c, caller.memberId());
        }
        return shown(c, tx.view(c, loaded.snapshot()));
    }

    ContestViews.AnswerReceipt answer(Caller caller, long contestId, long attemptId, int position, String answer) {
        Contest c = participating(caller, contestId);
        try {
            return tx.answer(c, attemptId, caller.memberId(), position, answer);
        } catch (Sql.Duplicate raced) {
            return tx.answer(c, attemptId, caller.memberId(), position, answer);
        }
    }

    /**
     * Final submit, through the group commit: answered once the transaction holding it has committed and the live
     * board holds the attempt (or failed with the submit's own refusal, e.g. someone else's attempt).
     */
    CompletableFuture<ContestViews.AttemptView> submit(Caller caller, long contestId, long attemptId,
                                                       List<ContestViews.SubmitAnswer> answers) {
        Contest c = participating(caller, contestId);
        return submits.submit(new ContestTx.SubmitItem(c, attemptId, caller.memberId(), answers))
                .thenApply(submitted -> shown(c, tx.view(c, submitted.snapshot())));
    }

    /**
     * After a batch of submits committed: the attempts it closed go on the live boards, pipelined (one attempt
     * allowed: the attempt closed is the member's best; several: the best is read). Never throws: the attempts are
     * committed, and the organiser's rebuild (or the freeze) restores a board Redis missed.
     */
    private void afterSubmits(List<ContestTx.SubmitItem> items, List<GroupCommit.Outcome<ContestTx.Submitted>> outcomes) {
        List<Map.Entry<Long, ContestBoard.Entry>> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            GroupCommit.Outcome<ContestTx.Submitted> o = outcomes.get(i);
            Contest c = items.get(i).contest();
            // A retry of a finished attempt puts it on the board again (a put replaces an entry only with a better
            // one): a service killed between the commit and the board update (bench/scenarios/crash.sh) left it off
            // the board, and the retry of the request it never answered is what restores it.
            if (!o.succeeded() || !o.value().attempt().finished() || c.frozenAtMs() != null) {
                continue;
            }
            if (c.attemptsAllowed() > 1) {
                onFinished(c, o.value().attempt().memberId());
            } else {
                entries.add(Map.entry(c.id(), ContestBoard.of(o.value().attempt())));
            }
        }
        try {
            board.putAll(entries);
        } catch (RuntimeException e) {
            LOG.warn("Could not update the boards for {} submits; rebuild them from MySQL", entries.size(), e);
        }
    }

    /**
     * With several attempts allowed, a score shown before the contest ends would let a contestant probe which
     * answers are right (answer one question differently, compare): scores stay hidden until the end.
     */
    private boolean scoresHidden(Contest c) {
        return c.attemptsAllowed() > 1 && clock.millis() < c.endsAtMs();
    }

    private ContestViews.AttemptView shown(Contest c, ContestViews.AttemptView v) {
        if (!scoresHidden(c) || v.result() == null) {
            return v;
        }
        return new ContestViews.AttemptView(v.id(), v.contestId(), v.attemptNo(), v.status(), v.startedAt(),
                v.deadline(), v.serverNow(), v.remainingMs(), v.finishedAt(), null, v.questions());
    }

    /**
     * Puts the member's best attempt on the live board. The attempt is already committed in MySQL: if Redis fails
     * here the answer still succeeds, and the organiser's rebuild (or the freeze at the end) restores the board.
     */
    private void onFinished(Contest c, long memberId) {
        if (c.frozenAtMs() != null) {
            return;
        }
        try {
            tx.bestAttempt(c.id(), memberId).ifPresent(best -> board.put(c.id(), ContestBoard.of(best)));
        } catch (RuntimeException e) {
            LOG.warn("Could not update the board of contest {} for member {}; rebuild it from MySQL", c.id(), memberId, e);
        }
    }

    // --- boards and results

    ContestViews.Leaderboard leaderboard(Caller caller, long contestId, @Nullable Long branchId, int limit) {
        Contest c = visible(caller, contestId);
        if (scoresHidden(c) && !access.canManage(caller, access.organisation(c.orgId()))) {
            throw ApiException.conflict("SCORES_HIDDEN", "With several attempts allowed, scores are shown once the "
                    + "contest has ended");
        }
        if (branchId != null) {
            Organisation branch = access.organisation(branchId);
            if (!branch.isWithin(access.organisation(c.orgId()))) {
                throw ApiException.notFound("Branch " + branchId + " of contest " + contestId);
            }
        }
        List<ContestBoard.Entry> top;
        java.util.Optional<Map.Entry<ContestBoard.Entry, Integer>> me;
        long size;
        try {
            ensureBoard(c);
            top = board.top(c.id(), branchId, limit);
            me = board.rankOf(c.id(), branchId, caller.memberId());
            size = board.size(c.id(), branchId);
        } catch (io.lettuce.core.RedisException e) {
            // Redis unavailable: the same board from MySQL (the frozen results, or the live best attempts).
            List<ContestBoard.Entry> all = boardEntries(c).stream()
                    .filter(x -> branchId == null || branchId.equals(x.branchId())).sorted(ContestBoard.ORDER).toList();
            top = all.subList(0, Math.min(limit, all.size()));
            me = java.util.Optional.empty();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).memberId() == caller.memberId()) {
                    me = java.util.Optional.of(Map.entry(all.get(i), i + 1));
                }
            }
            size = all.size();
        }
        List<Long> ids = new ArrayList<>(top.stream().map(ContestBoard.Entry::memberId).toList());
        me.ifPresent(m -> ids.add(m.getKey().memberId()));
        Map<Long, String> names = tx.memberNames(ids);
        List<ContestViews.BoardEntry> entries = new ArrayList<>();
        int rank = 0;
        for (ContestBoard.Entry e : top) {
            entries.add(entry(++rank, e, names));
        }
        ContestViews.BoardEntry mine = me.map(m -> entry(m.getValue(), m.getKey(), names)).orElse(null);
        return new ContestViews.Leaderboard(c.id(), branchId, c.frozenAtMs() != null, size, entries, mine);
    }

    private static ContestViews.BoardEntry entry(int rank, ContestBoard.Entry e, Map<Long, String> names) {
        return new ContestViews.BoardEntry(rank, e.memberId(), names.getOrDefault(e.memberId(), ""), e.branchId(),
                e.score(), e.correctCount(), e.timeUsedMs(), Instant.ofEpochMilli(e.finishedAtMs()));
    }

    /** Fills an empty board (Redis lost or flushed) from MySQL: frozen results, or the live best attempts. */
    private void ensureBoard(Contest c) {
        if (board.size(c.id(), null) > 0) {
            return;
        }
        rebuildBoard(c);
    }

    private void rebuildBoard(Contest c) {
        board.rebuild(c.id(), boardEntries(c));
    }

    /** The board's entries from MySQL: the frozen results, or the live best attempts. */
    private List<ContestBoard.Entry> boardEntries(Contest c) {
        return c.frozenAtMs() != null
                ? tx.results(c.id()).stream().map(r -> new ContestBoard.Entry(r.memberId(), r.branchId(), r.score(),
                r.correctCount(), r.timeUsedMs(), r.finishedAtMs())).toList()
                : tx.bestAttempts(c.id()).stream().map(ContestBoard::of).toList();
    }

    ContestViews.Leaderboard rebuild(Caller caller, long contestId) {
        Contest c = organised(caller, contestId);
        rebuildBoard(c);
        return leaderboard(caller, contestId, null, 20);
    }

    ContestViews.Participation participation(Caller caller, long contestId) {
        Contest c = visible(caller, contestId);
        Organisation org = access.organisation(c.orgId());
        List<ContestViews.BranchParticipation> branches = tx.participation(c.id(), org.path()).stream()
                .map(p -> new ContestViews.BranchParticipation(p.branchId(), p.branchName(), p.members(),
                        p.participants(), rate(p.participants(), p.members()))).toList();
        long members = branches.stream().mapToLong(ContestViews.BranchParticipation::members).sum();
        long participants = branches.stream().mapToLong(ContestViews.BranchParticipation::participants).sum();
        return new ContestViews.Participation(c.id(), members, participants, rate(participants, members), branches);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 10000.0;
    }

    ContestViews.MyResult myResult(Caller caller, long contestId) {
        Contest c = participating(caller, contestId);
        c = freezeIfOver(c);
        if (scoresHidden(c)) {
            List<Attempt> attempts = tx.attemptsOf(c.id(), caller.memberId());
            return new ContestViews.MyResult(c.id(), c.state(clock.millis()), false, attempts.size(),
                    c.attemptsAllowed(), null, null, null, 0, null, null, 0);
        }
        List<Attempt> attempts = tx.attemptsOf(c.id(), caller.memberId());
        Attempt best = tx.bestAttempt(c.id(), caller.memberId()).orElse(null);
        ensureBoard(c);
        long total = board.size(c.id(), null);
        var rank = board.rankOf(c.id(), null, caller.memberId());
        var branchRank = caller.branchId() == null ? java.util.Optional.<Map.Entry<ContestBoard.Entry, Integer>>empty()
                : board.rankOf(c.id(), caller.branchId(), caller.memberId());
        long branchTotal = caller.branchId() == null ? 0 : board.size(c.id(), caller.branchId());
        Integer r = rank.map(Map.Entry::getValue).orElse(null);
        Double percentile = r == null || total == 0 ? null : Math.round(1000.0 * (total - r + 1) / total) / 10.0;
        ContestViews.AttemptResult bestResult = best == null ? null : new ContestViews.AttemptResult(best.score(),
                best.correctCount(), c.questionCount(), best.timeUsedMs());
        return new ContestViews.MyResult(c.id(), c.state(clock.millis()), c.frozenAtMs() != null, attempts.size(),
                c.attemptsAllowed(), best == null ? null : best.id(), bestResult, r, total, percentile,
                branchRank.map(Map.Entry::getValue).orElse(null), branchTotal);
    }

    List<ContestStore.Result> resultsForExport(Caller caller, long contestId) {
        Contest c = organised(caller, contestId);
        if (c.frozenAtMs() == null) {
            throw ApiException.conflict("CONTEST_NOT_OVER", "Results are exported once the contest is over");
        }
        return tx.results(c.id());
    }

    Contest contestForExport(long contestId) {
        return tx.contest(contestId);
    }

    /** The frozen results as a CSV or .xlsx file, for the contest's organisers. */
    ContestViews.ExportFile export(Caller caller, long contestId, String format) {
        List<ContestStore.Result> results = resultsForExport(caller, contestId);
        Contest c = contestForExport(contestId);
        if (format.equals("xlsx")) {
            return new ContestViews.ExportFile(export.xlsx(c, results), QuestionFile.XLSX, "contest-" + contestId + ".xlsx");
        }
        return new ContestViews.ExportFile(export.csv(c, results), "text/csv; charset=utf-8",
                "contest-" + contestId + ".csv");
    }

    ContestViews.QuestionStats questionStats(Caller caller, long contestId) {
        Contest c = organised(caller, contestId);
        return new ContestViews.QuestionStats(c.id(), tx.questionStats(c.id()));
    }

    // --- freezing

    /** Freezes the contest first if it is over (plus grace) and nobody froze it yet; returns it as it now is. */
    private Contest freezeIfOver(Contest c) {
        if (c.frozenAtMs() == null && clock.millis() > c.endsAtMs()) {
            freeze(c.id()); // no-op until the grace has passed, or if another request froze it meanwhile
            return tx.contest(c.id());
        }
        return c;
    }

    /** Freezes an ended contest: results and the award job into MySQL, then the board rebuilt from the results. */
    boolean freeze(long contestId) {
        if (!tx.freeze(contestId)) {
            return false;
        }
        // The freeze's transaction also wrote the award job: ContestAwards gives the points in the background.
        try {
            List<ContestStore.Result> results = tx.results(contestId);
            board.rebuild(contestId, results.stream().map(r -> new ContestBoard.Entry(r.memberId(), r.branchId(),
                    r.score(), r.correctCount(), r.timeUsedMs(), r.finishedAtMs())).toList());
        } catch (RuntimeException e) {
            LOG.warn("Could not rebuild the frozen board of contest {}; the organiser's rebuild restores it", contestId, e);
        }
        return true;
    }

    /**
     * Brings the live boards of started, unfrozen contests up to MySQL: a member's best finished attempt that is not
     * on the board, or is there with other figures, is put again — a board write lost when Redis failed after a
     * submit's commit, or a crash between the two. The board keeps the better of two entries, so this never lowers
     * anyone. One instance per contest and round ({@code vanguard.quiz.board-catch-up-interval}).
     */
    @Scheduled(fixedDelay = "${vanguard.quiz.board-catch-up-interval:30s}",
            initialDelay = "${vanguard.quiz.board-catch-up-interval:30s}")
    public void catchUpBoards() {
        try {
            for (Long id : tx.liveUnfrozen()) {
                catchUpBoard(id);
            }
        } catch (RuntimeException e) {
            LOG.debug("Contest board catch-up skipped (Redis or MySQL unavailable): {}", e.toString());
        }
    }

    /** Puts what the contest's board lacks (see {@link #catchUpBoards}); answers how many entries were sent. */
    int catchUpBoard(long contestId) {
        if (!board.claimCatchUp(contestId, settings.getBoardCatchUpInterval())) {
            return 0;
        }
        Map<Long, ContestBoard.Entry> onBoard = board.entries(contestId);
        List<Map.Entry<Long, ContestBoard.Entry>> missing = new ArrayList<>();
        for (Attempt best : tx.bestAttempts(contestId)) {
            ContestBoard.Entry entry = ContestBoard.of(best);
            if (!entry.equals(onBoard.get(best.memberId()))) {
                missing.add(Map.entry(contestId, entry));
            }
        }
        if (!missing.isEmpty()) {
            LOG.info("Contest {}: {} board entries missing or stale; put again from MySQL", contestId, missing.size());
            board.putAll(missing);
        }
        return missing.size();
    }

    /** Freezes contests that ended while nobody looked. */
    @Scheduled(fixedDelay = "${vanguard.quiz.freeze-interval:30s}", initialDelay = "${vanguard.quiz.freeze-interval:30s}")
    public void freezeEnded() {
        try {
            for (Long id : tx.endedUnfrozen()) {
                freeze(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Freezing ended contests failed; will retry", e);
        }
    }
}
