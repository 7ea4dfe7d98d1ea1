package app.vanguard.points;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
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
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
        if (reference.isEmpty() || reference.length() > 120) {
            throw new IllegalArgumentException("reference must be 1 to 120 characters (the ledger column's size)");
        }
        PointsLedger.Recorded recorded = recordWithRetry(memberId, action, reference, points);
        PointsAward award = recorded.award();
        if (!award.duplicate() && award.points() > 0 && recorded.branchId() != null) {
            updateBoardsAfterCommit(memberId, award);
        }
        return award;
    }

    /**
     * Awards points to the ledger only, for background jobs that must never wait on Redis: the boards pick the
     * entry up through their catch-up from the ledger (seconds later). Same exactly-once rule as {@link #award}.
     */
    public PointsAward awardToLedger(long memberId, PointsAction action, String reference, int points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
        if (reference.isEmpty() || reference.length() > 120) {
            throw new IllegalArgumentException("reference must be 1 to 120 characters (the ledger column's size)");
        }
        return recordWithRetry(memberId, action, reference, points).award();
    }

    /** Inside a caller's transaction the boards wait for its commit (a rollback leaves them untouched). */
    private void updateBoardsAfterCommit(long memberId, PointsAward award) {
        Optional<? extends TransactionStatus<?>> outer = callersTransaction();
        if (outer.isPresent()) {
            outer.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    boards.afterAward(memberId, award.businessDate());
                }
            });
        } else {
            boards.afterAward(memberId, award.businessDate());
        }
    }

    private PointsLedger.Recorded recordWithRetry(long memberId, PointsAction action, String reference, int points) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ledger.record(memberId, action, reference, points);
            } catch (Sql.Duplicate raced) {
                return ledger.find(memberId, action, reference).orElseThrow();
            } catch (RuntimeException e) {
                // InnoDB may pick this transaction as a deadlock victim when two first awards of a day race. Inside
                // a caller's transaction the rollback undid the caller's writes too: only the caller may retry.
                if (attempt >= 3 || !isTransactionRollback(e) || callersTransaction().isPresent()) {
                    throw e;
                }
            }
        }
    }

    /** The caller's transaction this award runs inside, if any is still open. */
    private Optional<? extends TransactionStatus<?>> callersTransaction() {
        return transactions.findTransactionStatus().filter(status -> !status.isCompleted());
    }

    private static boolean isTransactionRollback(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }
}
