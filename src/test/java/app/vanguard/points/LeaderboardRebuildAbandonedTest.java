package app.vanguard.points;

import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose lock lease ran out before it finished (its instance stopped: simulated by holding the worker and
 * deleting the lock, as the lease expiring would) reads FAILED, abandoned, and stays so; a new rebuild may start,
 * and the old worker, when it wakes, stops without touching the job or the new one's lock.
 */
@MicronautTest(transactional = false)
@Property(name = "test.gated-ledger", value = "true")
class LeaderboardRebuildAbandonedTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    GatedLedger ledger;

    @Inject
    LedgerTruth truth;

    @AfterEach
    void openGate() {
        ledger.open();
    }

    @Test
    void aJobWhoseLockExpiredReadsFailedAbandoned() throws Exception {
        Rebuilds.Held held = Rebuilds.startHeld(api(), fixtures, points, ledger);
        Organisation committee = held.committee();
        String admin = held.admin();
        String location = held.location();
        String id = held.id();
        assertEquals(id, truth.rebuildLockHolder());
        assertEquals("RUNNING", api().get(location, admin).json().path("state").asText());

        truth.dropRebuildLock();
        JsonNode job = api().get(location, admin).json();
        assertEquals("FAILED", job.path("state").asText(), job::toString);
        assertTrue(job.path("error").asText().startsWith("Abandoned"), job::toString);
        assertTrue(job.has("finishedAt"), job::toString);
        assertEquals(job, api().get(location, admin).json(), "it stays FAILED");

        // A new rebuild may start; the old worker wakes, finds its lock gone and stops.
        ledger.open();
        JsonNode next = Rebuilds.rebuild(api(), admin, committee.id());
        assertTrue(!next.path("id").asText().equals(id));
        long deadline = System.currentTimeMillis() + 10_000;
        while (truth.rebuildLockHolder() != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(job, api().get(location, admin).json(), "the old worker left its job as it was");
        assertEquals(null, truth.rebuildLockHolder());
    }
}
