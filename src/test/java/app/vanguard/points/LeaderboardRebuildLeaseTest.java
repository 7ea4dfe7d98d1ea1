package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A rebuild that runs well past its lock's lease (1 s here) keeps the lock, renewing it as it goes: it still reads
 * RUNNING, and a second start is still refused, then it ends DONE.
 */
@MicronautTest(transactional = false)
@Property(name = "test.gated-ledger", value = "true")
@Property(name = "vanguard.points.boards.rebuild-lease", value = "1s")
@Property(name = "vanguard.points.boards.rebuild-page-rows", value = "3")
class LeaderboardRebuildLeaseTest extends ApiTestBase {

    private static final Duration LEASE = Duration.ofSeconds(1);

    @Inject
    PointsService points;

    @Inject
    GatedLedger ledger;

    @AfterEach
    void openGate() {
        ledger.open();
    }

    @Test
    void aLongRebuildKeepsItsLock() throws Exception {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        // 8 members with 3 entries each: at 3 entries a page, at least 8 pages.
        for (int i = 0; i < 8; i++) {
            Member m = fixtures.member(branch);
            for (int k = 0; k < 3; k++) {
                points.award(m.id(), PointsAction.CONTEST, "contest:" + k, 1 + i);
            }
        }
        String admin = fixtures.token(fixtures.orgAdmin(committee));

        ledger.close();
        long start = System.nanoTime();
        String location = Rebuilds.location(Rebuilds.startWhenFree(api(), admin, committee.id()));
        ledger.awaitWorkerAtGate();
        // One page every 0.4 s, 6 times: 2.4 s, well past the 1 s lease.
        for (int i = 0; i < 6; i++) {
            Thread.sleep(400);
            ledger.letOnePageThrough();
            if (!ledger.workerAtGate(Duration.ofSeconds(10))) {
                fail("The worker stopped after page " + (i + 2) + ": " + api().get(location, admin));
            }
        }
        assertEquals(true, System.nanoTime() - start > 2 * LEASE.toNanos());
        assertEquals("RUNNING", api().get(location, admin).json().path("state").asText(), "still running, not abandoned");
        Api.Response second = Rebuilds.start(api(), admin, committee.id());
        assertEquals(409, second.status(), second::toString);
        assertEquals(location, second.header("Location").orElse(null));

        ledger.open();
        assertEquals("DONE", Rebuilds.awaitEnd(api(), admin, location).path("state").asText());
    }
}
