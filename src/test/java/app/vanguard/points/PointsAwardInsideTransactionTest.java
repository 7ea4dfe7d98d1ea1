package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feature that awards points inside its own transaction: the boards move only once that transaction commits, and
 * not at all when it rolls back (the ledger row is rolled back with it).
 */
@MicronautTest(transactional = false)
class PointsAwardInsideTransactionTest {

    @Inject
    app.vanguard.support.Fixtures fixtures;

    @Inject
    Feature feature;

    @Inject
    Boards boards;

    @Inject
    LedgerTruth truth;

    /** Stands for a feature (check-in, quiz) recording its own row and awarding points in one transaction. */
    @Singleton
    static class Feature {
        private final PointsService points;

        Feature(PointsService points) {
            this.points = points;
        }

        @Transactional
        PointsAward checkIn(long memberId, String meeting, boolean failAfterwards) {
            PointsAward award = points.award(memberId, PointsAction.CHECK_IN, meeting, 10);
            if (failAfterwards) {
                throw new IllegalStateException("the feature's own work failed");
            }
            return award;
        }
    }

    private long pointsOnBranchBoard(Organisation branch, Member member) {
        return boards.around(BoardSync.board(branch.id(), Period.ALL, TestDates.today()), member.id(), 0).points();
    }

    @Test
    void boardsMoveAfterTheCallersCommit() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        PointsAward award = feature.checkIn(member.id(), "meeting:1", false);
        assertEquals(10, award.points());
        assertEquals(10, pointsOnBranchBoard(branch, member));
    }

    @Test
    void rolledBackAwardsLeaveNoTrace() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        assertThrows(IllegalStateException.class, () -> feature.checkIn(member.id(), "meeting:1", true));
        assertEquals(0, pointsOnBranchBoard(branch, member));
        assertTrue(truth.ranking(branch, null, null).isEmpty(), "the ledger row was rolled back");
        // The same reference can then be awarded for real.
        assertEquals(10, feature.checkIn(member.id(), "meeting:1", false).points());
        assertEquals(10, pointsOnBranchBoard(branch, member));
    }
}
