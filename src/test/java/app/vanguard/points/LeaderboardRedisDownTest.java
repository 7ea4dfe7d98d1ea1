package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.annotation.MockBean;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With Redis down, awards still land in the ledger and return normally, board reads answer 503 quickly, and when
 * Redis returns the boards catch up: from the watermark when Redis kept its data, by a full rebuild when it did not.
 * Uses its own Redis server (never the shared one), stopped and started by this class only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "vanguard.points.boards.catch-up-interval", value = "300ms")
@Property(name = "vanguard.points.boards.catch-up-lag", value = "0s")
class LeaderboardRedisDownTest extends ApiTestBase {

    private static final int PORT = freePort();
    private static final Path DIR = tempDir();
    private static RedisServer redis = startRedis();

    @Inject
    PointsService points;

    @Inject
    LedgerTruth truth;

    @Inject
    Boards boards;

    /** This context's Redis connections go to the dedicated server (the shared-server URI is set for every context). */
    @MockBean(StatefulRedisConnection.class)
    StatefulRedisConnection<String, String> dedicatedRedis() {
        return RedisClient.create("redis://127.0.0.1:" + PORT).connect();
    }

    /** And so does the boards' bulk connection. */
    @MockBean(BulkRedis.class)
    BulkRedis dedicatedBulkRedis() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + PORT);
        return client::connect;
    }

    @AfterAll
    void stopRedis() {
        redis.stop();
    }

    private static RedisServer startRedis() {
        RedisServer server = RedisServer.builder().port(PORT)
                .setting("bind 127.0.0.1")
                .setting("dir " + DIR)
                .setting("save \"\"")
                .setting("appendonly yes")
                .setting("appendfsync always")
                .build();
        server.start();
        return server;
    }

    private List<long[]> board(Organisation org, String token) {
        Api.Response response = api().get("/leaderboards/" + org.id() + "?period=ALL&top=100", token);
        if (response.status() != 200) {
            return null;
        }
        List<long[]> rows = new ArrayList<>();
        response.json().path("items").forEach(i -> rows.add(new long[]{i.path("memberId").asLong(), i.path("points").asLong()}));
        return rows;
    }

    private boolean sameAsLedger(Organisation org, String token) {
        List<long[]> actual = board(org, token);
        List<long[]> expected = truth.ranking(org, null, null);
        if (actual == null || actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (actual.get(i)[0] != expected.get(i)[0] || actual.get(i)[1] != expected.get(i)[1]) {
                return false;
            }
        }
        return true;
    }

    private void awaitBoardsEqualLedger(Organisation org, String token) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 45_000;
        while (!sameAsLedger(org, token)) {
            assertTrue(System.currentTimeMillis() < deadline, "the board did not catch up with the ledger");
            Thread.sleep(200);
        }
    }

    private void awaitWatermark() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                if (boards.watermark() != null) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // reconnecting
            }
            assertTrue(System.currentTimeMillis() < deadline, "no watermark");
            Thread.sleep(100);
        }
    }

    /** Redis is down: the award is recorded and returns at once; reads fail fast with 503; history still works. */
    private void whileRedisIsDown(Member member, String token, Organisation branch) {
        long start = System.nanoTime();
        PointsAward award = points.award(member.id(), PointsAction.CONTEST, "contest:down", 20);
        long awardMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(award.duplicate());
        assertEquals(20, award.points());
        assertTrue(awardMs < 2_000, "award took " + awardMs + " ms");
        assertTrue(truth.ranking(branch, null, null).stream().anyMatch(r -> r[0] == member.id() && r[1] == 20),
                "the ledger has the award");

        for (String path : List.of("/leaderboards/" + branch.id(), "/leaderboards/" + branch.id() + "/me",
                "/orgs/" + branch.id() + "/branch-ranking")) {
            start = System.nanoTime();
            Api.Response response = api().get(path, token);
            long readMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.status(), path + ": " + response);
            assertEquals("SERVICE_UNAVAILABLE", response.code());
            assertTrue(response.header("Retry-After").isPresent());
            assertTrue(readMs < 1_500, path + " took " + readMs + " ms");
        }
        assertEquals(200, api().get("/me/points", fixtures.token(member)).status(), "history reads MySQL only");
    }

    @Test
    void awardsMadeWhileRedisIsDownAreCaughtUpWhenItReturnsWithItsData() throws Exception {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member early = fixtures.member(branch);
        Member late = fixtures.member(branch);
        String token = fixtures.token(early);
        points.award(early.id(), PointsAction.CONTEST, "contest:up", 10);
        awaitWatermark();
        awaitBoardsEqualLedger(committee, token);

        redis.stop();
        whileRedisIsDown(late, token, branch);
        redis = startRedis();   // same port and data directory: it comes back with its data (append-only file)

        awaitBoardsEqualLedger(committee, token);
        awaitBoardsEqualLedger(branch, token);
        assertEquals(late.id(), board(branch, token).get(0)[0]);
    }

    @Test
    void redisThatComesBackEmptyIsRebuiltFromTheLedger() throws Exception {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member early = fixtures.member(branch);
        Member late = fixtures.member(branch);
        String token = fixtures.token(early);
        points.award(early.id(), PointsAction.CONTEST, "contest:up", 10);
        awaitWatermark();
        awaitBoardsEqualLedger(branch, token);

        redis.stop();
        whileRedisIsDown(late, token, branch);
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(DIR)).forEach(p -> p.toFile().delete());
        }
        redis = startRedis();   // restarted without its data

        awaitBoardsEqualLedger(committee, token);
        awaitBoardsEqualLedger(branch, token);
        assertEquals(2, board(branch, token).size());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            return Files.createTempDirectory("vanguard-redis-down-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
