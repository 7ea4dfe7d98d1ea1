package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When Redis loses the boards (flush), they come back from the ledger by themselves, rank for rank, and an admin
 * can rebuild a subtree on request (a background job, followed to its end); awards made meanwhile are not lost.
 */
@MicronautTest(transactional = false)
class LeaderboardRebuildTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    LedgerTruth truth;

    @Inject
    Boards boards;

    /** The service's clock: "today" is the service's business day (a run may cross Shanghai midnight). */
    @Inject
    java.time.Clock clock;

    /** The board, once no rebuild concerns it (a read during a rebuild answers 503 LEADERBOARD_REBUILDING). */
    private List<long[]> board(Organisation org, String period, String token) {
        Api.Response response = api().get("/leaderboards/" + org.id() + "?period=" + period + "&top=100", token);
        long deadline = System.currentTimeMillis() + 30_000;
        while (response.status() == 503 && "LEADERBOARD_REBUILDING".equals(response.code())
                && System.currentTimeMillis() < deadline) {
            Rebuilds.sleep(100);
            response = api().get("/leaderboards/" + org.id() + "?period=" + period + "&top=100", token);
        }
        assertEquals(200, response.status(), response::toString);
        List<long[]> rows = new ArrayList<>();
        response.json().path("items").forEach(i -> rows.add(new long[]{i.path("memberId").asLong(), i.path("points").asLong()}));
        return rows;
    }

    private static void assertSameRanking(List<long[]> expected, List<long[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": size");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], actual.get(i)[0], what + ": member at rank " + (i + 1));
            assertEquals(expected.get(i)[1], actual.get(i)[1], what + ": points at rank " + (i + 1));
        }
    }

    /** Some members in two branches with random awards, including ties. */
    private List<Member> populate(Organisation committee, int count, Random random) {
        List<Organisation> branches = List.of(fixtures.branch(committee), fixtures.branch(committee));
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Member m = fixtures.member(branches.get(i % 2));
            members.add(m);
            for (int k = 0; k < 3; k++) {
                points.award(m.id(), PointsAction.CONTEST, "contest:" + k, 5 * random.nextInt(4));
            }
        }
        return members;
    }

    @Test
    void boardsFlushedMidwayComeBackExactlyFromTheLedger() throws Exception {
        Organisation committee = fixtures.committee();
        Random random = new Random(7);
        List<Member> members = populate(committee, 20, random);
        String token = fixtures.token(members.get(0));
        assertSameRanking(truth.ranking(committee, null, null), board(committee, "ALL", token), "before the flush");
        assertTrue(truth.flushBoards() > 0);
        // The flush emptied the board: until the rebuild ends, reads say so rather than show an empty board.
        Api.Response emptied = api().get("/leaderboards/" + committee.id() + "?period=ALL", token);
        assertEquals(503, emptied.status(), emptied::toString);
        assertEquals("LEADERBOARD_REBUILDING", emptied.code());
        // Awards go on while the boards are gone.
        for (Member m : members.subList(0, 5)) {
            points.award(m.id(), PointsAction.CHECK_IN, "meeting:after-flush", 10);
        }

        List<long[]> expected = truth.ranking(committee, null, null);
        long deadline = System.currentTimeMillis() + 30_000;
        List<long[]> actual = board(committee, "ALL", token);
        while (actual.size() != expected.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            actual = board(committee, "ALL", token);
        }
        // The automatic rebuild is a job too: it sets the watermark, then lets go of the lock.
        while ((boards.watermark() == null || truth.rebuildLockHolder() != null) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(boards.watermark() != null, "the rebuild restored the watermark");
        assertSameRanking(expected, actual, "after the automatic rebuild");
        for (Organisation branch : List.of(committee)) {
            for (String period : List.of("DAY", "WEEK", "MONTH")) {
                var today = app.vanguard.shared.BusinessTime.today(clock);
                Period p = Period.valueOf(period);
                assertSameRanking(truth.ranking(branch, p.start(today), p.end(today)), board(branch, period, token),
                        period + " after the automatic rebuild");
            }
        }
        // Each member's own rank equals their place in the ledger's ranking.
        for (int i = 0; i < expected.size(); i++) {
            long memberId = expected.get(i)[0];
            Member m = members.stream().filter(x -> x.id() == memberId).findFirst().orElseThrow();
            JsonNode me = api().get("/leaderboards/" + committee.id() + "/me?period=ALL", fixtures.token(m)).json();
            assertEquals(i + 1, me.path("rank").asLong(), "rank of member " + memberId);
        }
    }

    @Test
    void adminRebuildRepairsAWrongBoard() {
        Organisation committee = fixtures.committee();
        List<Member> members = populate(committee, 8, new Random(11));
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        // Corrupt the board: a stranger on top with a made-up score.
        Boards.Board all = BoardSync.board(committee.id(), Period.ALL, TestDates.today());
        Member stranger = fixtures.member(fixtures.branch(committee));
        boards.apply(List.of(new Boards.Update(all, stranger.id(), 1_000_000, 1, 0)));
        assertEquals(stranger.id(), board(committee, "ALL", admin).get(0)[0]);

        JsonNode job = Rebuilds.rebuild(api(), admin, committee.id());
        assertEquals(truth.ranking(committee, null, null).size(), job.path("members").asInt(), job::toString);
        assertTrue(job.path("members").asInt() >= members.size() - 1);
        assertSameRanking(truth.ranking(committee, null, null), board(committee, "ALL", admin), "after the admin rebuild");
    }

    @Test
    void systemAdminRebuildsEverything() {
        Organisation committee = fixtures.committee();
        populate(committee, 4, new Random(3));
        JsonNode job = Rebuilds.rebuild(api(), fixtures.token(fixtures.systemAdmin()), null);
        assertTrue(job.path("orgId").isMissingNode(), job::toString);
        assertTrue(boards.watermark() != null);
        assertSameRanking(truth.ranking(committee, null, null),
                board(committee, "ALL", fixtures.token(fixtures.orgAdmin(committee))), "after the full rebuild");
    }
}
