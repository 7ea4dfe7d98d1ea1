package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fair play (issue 14, item 5), the rule chosen: no points until verified. A member without a branch (a pending
 * registrant) earns nothing from any action: the ledger records nothing, so no board and no history ever shows it,
 * and nothing carries over when the declaration is verified.
 */
@MicronautTest(transactional = false)
class PendingRegistrantPointsTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    PointsLedger ledger;

    @Test
    void aMemberWithoutABranchEarnsNothingOnTheLedger() {
        Member pending = fixtures.member(null);
        PointsAward award = points.award(pending.id(), PointsAction.READING, "article:1:pending", 2);
        assertEquals(0, award.points());
        assertTrue(ledger.find(pending.id(), PointsAction.READING, "article:1:pending").isEmpty());
        assertEquals(0, points.awardToLedger(pending.id(), PointsAction.CONTEST, "contest:pending", 10).points());
        assertEquals(0, api().get("/me/points", fixtures.token(pending)).json().path("allTimePoints").asLong());

        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        assertEquals(2, points.award(member.id(), PointsAction.READING, "article:1:pending", 2).points());
    }
}
