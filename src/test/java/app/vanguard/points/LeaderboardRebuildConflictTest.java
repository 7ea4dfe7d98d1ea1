package app.vanguard.points;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While a rebuild runs, a second start (the same admin's or a system admin's full one) answers 409
 * REBUILD_IN_PROGRESS naming the running job; once it is done, a new rebuild starts.
 */
@MicronautTest(transactional = false)
@Property(name = "test.gated-ledger", value = "true")
class LeaderboardRebuildConflictTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    GatedLedger ledger;

    @AfterEach
    void openGate() {
        ledger.open();
    }

    @Test
    void aSecondRebuildWhileOneRunsIsRefusedWithTheRunningJob() throws Exception {
        Rebuilds.Held held = Rebuilds.startHeld(api(), fixtures, points, ledger);
        Organisation committee = held.committee();
        String admin = held.admin();
        String location = held.location();
        String id = held.id();

        for (String token : new String[]{admin, fixtures.token(fixtures.systemAdmin())}) {
            Api.Response second = Rebuilds.start(api(), token, token.equals(admin) ? committee.id() : null);
            assertEquals(409, second.status(), second::toString);
            assertEquals("REBUILD_IN_PROGRESS", second.code());
            assertTrue(second.json().path("detail").asText().contains(id), second::toString);
            assertEquals(location, second.header("Location").orElse(null), "the running job's address");
        }
        assertEquals("RUNNING", api().get(location, admin).json().path("state").asText());

        ledger.open();
        assertEquals("DONE", Rebuilds.awaitEnd(api(), admin, location).path("state").asText());
        Rebuilds.rebuild(api(), admin, committee.id());
    }
}
