package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fair play (issue 14, item 9): while a board is being rebuilt it is incomplete, so reads answer 503
 * LEADERBOARD_REBUILDING with Retry-After, never an empty board presented as the truth.
 */
@MicronautTest(transactional = false)
@Property(name = "test.gated-ledger", value = "true")
@Property(name = "vanguard.points.boards.catch-up-interval", value = "300ms")
class LeaderboardReadDuringRebuildTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    GatedLedger ledger;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Inject
    BoardSync boardSync;

    @Inject
    Boards boardsForSettle;

    /** Starts from settled boards, whatever an earlier test of this JVM left running. */
    @org.junit.jupiter.api.BeforeEach
    void settled() {
        Rebuilds.awaitSettled(boardsForSettle, boardSync);
    }

    @AfterEach
    void openGate() {
        ledger.open();
    }

    private static void assertRebuilding(Api.Response r) {
        assertEquals(503, r.status(), r::toString);
        assertEquals("LEADERBOARD_REBUILDING", r.code());
        assertEquals("5", r.header("Retry-After").orElse(null));
    }

    @Test
    void aSubtreeBeingRebuiltAnswers503AndOtherBoardsStillAnswer() throws Exception {
        Rebuilds.Held held = Rebuilds.startHeld(api(), fixtures, points, ledger);
        long committee = held.committee().id();
        assertRebuilding(api().get("/leaderboards/" + committee + "?period=ALL", held.admin()));
        assertRebuilding(api().get("/leaderboards/" + committee + "/me?period=ALL", held.admin()));
        assertRebuilding(api().get("/orgs/" + committee + "/branch-ranking?period=ALL", held.admin()));

        Organisation other = fixtures.committee();
        String otherAdmin = fixtures.token(fixtures.orgAdmin(other));
        assertEquals(200, api().get("/leaderboards/" + other.id() + "?period=ALL", otherAdmin).status());

        ledger.open();
        Rebuilds.awaitEnd(api(), held.admin(), held.location());
        Api.Response after = api().get("/leaderboards/" + committee + "?period=ALL", held.admin());
        assertEquals(200, after.status(), after::toString);
        assertEquals(1, after.json().get("items").size(), after::toString);
    }

    @Test
    void boardsLostWithRedisAnswer503UntilTheAutomaticRebuildEnds() throws InterruptedException {
        Organisation committee = fixtures.committee();
        Member m = fixtures.member(fixtures.branch(committee));
        points.award(m.id(), PointsAction.CONTEST, "contest:read-during-rebuild", 10);
        String token = fixtures.token(m);
        // Wait until the board shows the award (an earlier rebuild may still be running).
        long deadline = System.currentTimeMillis() + 30_000;
        while (api().get("/leaderboards/" + committee.id() + "?period=ALL", token).status() != 200
                && System.currentTimeMillis() < deadline) {
            Rebuilds.sleep(100);
        }
        ledger.closeForEveryThread(); // the automatic rebuild will wait at its first page
        redis.sync().del(Boards.WATERMARK); // as after a restart without persistence: boards and watermark gone
        ledger.awaitWorkerAtGate();
        assertRebuilding(api().get("/leaderboards/" + committee.id() + "?period=ALL", token));
        assertRebuilding(api().get("/leaderboards/" + committee.id() + "/me?period=ALL", token));

        ledger.open();
        deadline = System.currentTimeMillis() + 30_000;
        Api.Response r;
        do {
            Rebuilds.sleep(100);
            r = api().get("/leaderboards/" + committee.id() + "/me?period=ALL", token);
        } while (r.status() == 503 && System.currentTimeMillis() < deadline);
        assertEquals(200, r.status(), r::toString);
        assertEquals(10, r.json().get("points").asLong(), r::toString);
        assertEquals(1, r.json().get("rank").asLong(), r::toString);
    }
}
