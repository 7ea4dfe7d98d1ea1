package app.vanguard.quiz;

import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Awards a frozen contest's points (竞赛积分发放) as a background job, outside any request: the freeze writes a job
 * row in its own transaction; every instance polls, and one conditional UPDATE gives the job's lease (a MySQL row
 * lease, renewed after every few awards) to exactly one of them. Each award goes to the ledger only (never waiting
 * on Redis; the boards catch up from the ledger) and is idempotent by its reference {@code contest:<id>}, so a run
 * that fails part-way (MySQL error, instance killed) is run again from the start by whoever takes the lease next,
 * and every contestant ends with exactly one CONTEST entry.
 */
@Singleton
public class ContestAwards {

    private static final Logger LOG = LoggerFactory.getLogger(ContestAwards.class);
    private static final int RENEW_EVERY = 50;

    private final ContestTx tx;
    private final PointsService points;
    private final QuizSettings settings;
    private final ContestBudget budget;

    ContestAwards(ContestTx tx, PointsService points, QuizSettings settings, ContestBudget budget) {
        this.tx = tx;
        this.points = points;
        this.settings = settings;
        this.budget = budget;
    }

    @Scheduled(fixedDelay = "${vanguard.quiz.award-interval:5s}", initialDelay = "${vanguard.quiz.award-interval:5s}")
    void scheduled() {
        try {
            awardPending();
        } catch (RuntimeException e) {
            LOG.warn("Awarding contest points failed; will retry", e);
        }
    }

    /** Works every pending job whose lease is free; returns how many jobs this call completed. */
    public int awardPending() {
        int done = 0;
        for (int i = 0; i < 100; i++) {
            String owner = UUID.randomUUID().toString();
            Optional<Long> claimed = tx.claimAward(owner, settings.getAwardLease().toMillis());
            if (claimed.isEmpty()) {
                return done;
            }
            if (work(claimed.get(), owner)) {
                done++;
            }
        }
        return done;
    }

    private boolean work(long contestId, String owner) {
        try {
            Contest contest = tx.contest(contestId);
            List<ContestStore.Result> results = tx.results(contestId);
            int awarded = 0;
            for (ContestStore.Result r : results) {
                int earned = budget.pointsFor(contest, r.score());
                if (earned > 0) {
                    points.awardToLedger(r.memberId(), PointsAction.CONTEST, "contest:" + contestId, earned);
                    awarded++;
                    if (awarded % RENEW_EVERY == 0 && !tx.renewAward(contestId, owner, settings.getAwardLease().toMillis())) {
                        LOG.warn("Lost the award lease of contest {}; its new holder goes on", contestId);
                        return false;
                    }
                }
            }
            return tx.finishAward(contestId, owner, awarded);
        } catch (RuntimeException e) {
            LOG.warn("Awarding the points of contest {} failed part-way; it will be run again", contestId, e);
            try {
                tx.failAward(contestId, owner, String.valueOf(e), settings.getAwardRetry().toMillis());
            } catch (RuntimeException again) {
                LOG.warn("Could not give back the award job of contest {}; its lease expires", contestId, again);
            }
            return false;
        }
    }
}
