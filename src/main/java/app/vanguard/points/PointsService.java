package app.vanguard.points;

import jakarta.inject.Singleton;

/**
 * The one way every feature awards points: {@code award(member, action, reference, points)}. Exactly once per
 * (member, action, reference), under the action's daily cap, recorded in the MySQL ledger first.
 */
@Singleton
public class PointsService {

    private final PointsLedger ledger;

    public PointsService(PointsLedger ledger) {
        this.ledger = ledger;
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
        return recordWithRetry(memberId, action, reference, points).award();
    }

    private PointsLedger.Recorded recordWithRetry(long memberId, PointsAction action, String reference, int points) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ledger.record(memberId, action, reference, points);
            } catch (PointsLedger.DuplicateAward raced) {
                return ledger.find(memberId, action, reference).orElseThrow();
            } catch (RuntimeException e) {
                // InnoDB may pick this transaction as a deadlock victim when two first awards of a day race.
                if (attempt >= 3 || !isTransactionRollback(e)) {
                    throw e;
                }
            }
        }
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
