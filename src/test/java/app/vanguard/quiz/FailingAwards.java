package app.vanguard.quiz;

import app.vanguard.points.BoardSync;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsAward;
import app.vanguard.points.PointsLedger;
import app.vanguard.points.PointsService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The points service with a fault a test can arm: the n-th ledger-only award from now fails as MySQL would (the
 * connection dropped mid-job). Only in test contexts with {@code test.failing-awards=true}.
 */
@Singleton
@Replaces(PointsService.class)
@Requires(property = "test.failing-awards", value = "true")
class FailingAwards extends PointsService {

    private final AtomicInteger countdown = new AtomicInteger(-1);

    FailingAwards(PointsLedger ledger, BoardSync boards, TransactionOperations<Connection> transactions) {
        super(ledger, boards, transactions);
    }

    /** The n-th ledger-only award from now (1 = the next) throws; later ones work again. */
    void failOnCall(int n) {
        countdown.set(n);
    }

    @Override
    public PointsAward awardToLedger(long memberId, PointsAction action, String reference, int points) {
        if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
            throw new DataAccessException("Communications link failure (injected by the test)");
        }
        return super.awardToLedger(memberId, action, reference, points);
    }
}
