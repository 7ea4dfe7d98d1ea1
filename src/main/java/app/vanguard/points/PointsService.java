package app.vanguard.points;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one way every feature awards points: {@code award(member, action, reference, points)}. Exactly once per
 * (member, action, reference), under the action's daily cap, recorded in the MySQL ledger first; the leaderboards
 * in Redis are updated once that is committed (and caught up later if Redis is down: the award never fails for it).
 */
@Singleton
public class PointsService {

    private final PointsLedger ledger;
    private final BoardSync boards;
    private final TransactionOperations<Connection> transactions;

    public PointsService(PointsLedger ledger, BoardSync boards, TransactionOperations<Connection> transactions) {
        this.ledger = ledger;
        this.boards = boards;
        this.transactions = transactions;
    }

    /**
     * Awards points. Repeating a call with the same member, action and reference (a retry, a double tap, a
     * concurrent request) records nothing new and returns the original award with {@code duplicate = true}.
     *
     * @param reference what earned it, unique per member and action, e.g. "article:12:2026-11-24" or "meeting:7"
     */
    public PointsAward award(long memberId, PointsAction action, String reference, int points) {
        PointsLedger.Request request = request(memberId, action, reference, points);
        PointsLedger.Result recorded = recordWithRetry(List.of(request), true);
        if (recorded.figures() != null) {
            updateBoardsAfterCommit(recorded.figures());
        }
        return recorded.entries().get(0).award();
    }

    /**
     * Awards many at once inside the caller's transaction (a group commit's batch) in a constant number of
     * statements, same rules as {@link #award}; the caller puts the batch's {@link Awards#figures} on the boards after
     * its commit with {@link #afterCommit}. A request repeated within the list answers as its first, as a duplicate.
     */
    public Awards awardAll(List<AwardRequest> requests) {
        if (requests.isEmpty()) {
            return new Awards(List.of(), null);
        }
        PointsLedger.Result recorded = recordWithRetry(requests.stream()
                .map(r -> request(r.memberId(), r.action(), r.reference(), r.points())).toList(), true);
        return new Awards(recorded.entries().stream().map(PointsLedger.Recorded::award).toList(), recorded.figures());
    }

    /**
     * A batch's awards (in the order asked) and the boards' figures of the members they gave points (null when none
     * did: nothing for the boards).
     */
    public record Awards(List<PointsAward> awards, @Nullable BoardFigures figures) {

        /**
         * The batch's figures for one of its awards when that award moves a board (new points, not a repeat, not
         * zero), else null: what a group commit's item keeps for {@link #afterCommit}.
         */
        @Nullable
        public BoardFigures figuresFor(@Nullable PointsAward award) {
            return award != null && !award.duplicate() && award.points() > 0 ? figures : null;
        }
    }

    /**
     * Puts batches' board figures on the boards, after the transactions holding them committed: Redis only (the
     * figures were read inside each transaction). Each batch's figures go once however many of its items hold them
     * (a batch run again alone has one per item). Never throws.
     */
    public void afterCommit(Collection<BoardFigures> figures) {
        java.util.Set<BoardFigures> once = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (BoardFigures f : figures) {
            if (once.add(f)) {
                boards.afterAwards(f);
            }
        }
    }

    /** An award to make in a batch. */
    public record AwardRequest(long memberId, PointsAction action, String reference, int points) {
    }

    /**
     * Awards points to the ledger only, for background jobs that must never wait on Redis: the boards pick the
     * entry up through their catch-up from the ledger (seconds later). Same exactly-once rule as {@link #award}.
     */
    public PointsAward awardToLedger(long memberId, PointsAction action, String reference, int points) {
        return recordWithRetry(List.of(request(memberId, action, reference, points)), false).entries().get(0).award();
    }

    private static PointsLedger.Request request(long memberId, PointsAction action, String reference, int points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
        if (reference.isEmpty() || reference.length() > 120) {
            throw new IllegalArgumentException("reference must be 1 to 120 characters (the ledger column's size)");
        }
        return new PointsLedger.Request(memberId, action, reference, points);
    }

    /** Inside a caller's transaction the boards wait for its commit (a rollback leaves them untouched). */
    private void updateBoardsAfterCommit(BoardFigures figures) {
        Optional<? extends TransactionStatus<?>> outer = callersTransaction();
        if (outer.isPresent()) {
            outer.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    boards.afterAwards(figures);
                }
            });
        } else {
            boards.afterAwards(figures);
        }
    }

    private PointsLedger.Result recordWithRetry(List<PointsLedger.Request> requests, boolean withFigures) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ledger.recordAll(requests, withFigures);
            } catch (RuntimeException e) {
                // InnoDB may pick this transaction as a deadlock victim when two first awards of a day race, and an
                // award of the same reference on another day may take the unique key first (Sql.Duplicate): the
                // next attempt reads it. Inside a caller's transaction the rollback undid the caller's writes too:
                // only the caller may retry.
                boolean retryable = Sql.isRolledBack(e) || e instanceof Sql.Duplicate;
                if (attempt >= 3 || !retryable || callersTransaction().isPresent()) {
                    throw e;
                }
            }
        }
    }

    /** The caller's transaction this award runs inside, if any is still open. */
    private Optional<? extends TransactionStatus<?>> callersTransaction() {
        return transactions.findTransactionStatus().filter(status -> !status.isCompleted());
    }
}
