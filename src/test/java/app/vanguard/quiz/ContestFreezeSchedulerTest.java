package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A contest that ended while nobody looked is frozen by the background job, without any request. */
@MicronautTest(transactional = false)
@Property(name = "vanguard.quiz.freeze-interval", value = "500ms")
class ContestFreezeSchedulerTest extends QuizFixtures {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private boolean frozen(long contestId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT frozen_at_ms IS NOT NULL FROM quiz_contest WHERE id = ?", ps -> {
                    ps.setLong(1, contestId);
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getBoolean(1);
                }));
    }

    @Test
    void anEndedContestIsFrozenInTheBackground() throws InterruptedException {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long now = TestDates.nowMillis();
        long contestId = createContest(committee, admin, now - 120_000, now - 30_000, 60, 2, 1, false);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!frozen(contestId) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(frozen(contestId), "not frozen within 10 s");
    }
}
