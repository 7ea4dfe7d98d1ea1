package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fair play (issue 14, items 6 and 7): a frozen contest's points are awarded by a background job, not inside the
 * request that froze it; the job never needs Redis, survives a MySQL failure part-way (run again, idempotent by
 * reference), runs on one instance at a time (a MySQL row lease) and awards from the organising level's budget.
 * Uses its own Redis server, stopped by this class only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "test.failing-awards", value = "true")
@Property(name = "vanguard.quiz.award-interval", value = "1h")
@Property(name = "vanguard.quiz.freeze-interval", value = "1h")
class ContestAwardJobTest extends QuizFixtures {

    private static final int PORT = freePort();
    private static final RedisServer REDIS = startRedis();

    @Inject
    TestClock clock;
    @Inject
    ContestService contests;
    @Inject
    ContestAwards awards;
    @Inject
    ContestTx tx;
    @Inject
    FailingAwards failing;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @MockBean(StatefulRedisConnection.class)
    StatefulRedisConnection<String, String> dedicatedRedis() {
        // As in application.yml, commands time out (Lettuce's default would wait 60 s on the stopped server).
        return RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(PORT)
                .withTimeout(Duration.ofMillis(500)).build()).connect();
    }

    /** And so does the points boards' bulk connection (a rebuild's pages and bookkeeping). */
    @MockBean(app.vanguard.points.BulkRedis.class)
    app.vanguard.points.BulkRedis dedicatedBulkRedis() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + PORT);
        return client::connect;
    }

    private Organisation committee;
    private Organisation branch;
    private String admin;
    private long t;

    @BeforeEach
    void setUp() {
        t = TestDates.at(0, 10, 0).toEpochMilli();
        clock.set(java.time.Instant.ofEpochMilli(t));
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stopRedis() {
        if (REDIS.isActive()) {
            REDIS.stop();
        }
    }

    /** A contest of 4 questions that {@code members} members play, member i answering i + 1 questions right. */
    private long playedContest(List<Member> members) {
        long id = createContest(committee, admin, t - 1000, t + 600_000, 300, 4, 1, false);
        for (int i = 0; i < members.size(); i++) {
            String token = fixtures.token(members.get(i));
            JsonNode attempt = api().post("/contests/" + id + "/attempts", token, null).json();
            String path = attemptPath(id, attempt.get("id").asLong());
            for (int p = 1; p <= 4; p++) {
                JsonNode q = attempt.get("questions").get(p - 1);
                api().put(path + "/answers/" + p, token, Map.of("answer", p <= (i % 4) + 1 ? rightAnswer(q) : wrongAnswer(q)));
            }
            Api.Response submitted = api().post(path + "/submit", token, null);
            assertEquals(200, submitted.status(), submitted::toString);
        }
        return id;
    }

    private List<Member> members(int n) {
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fixtures.member(branch));
        }
        return out;
    }

    private long entries(Member m, long contestId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT COUNT(*) FROM points_entry WHERE member_id = ? AND action = 'CONTEST' "
                + "AND reference = ?", ps -> {
            ps.setLong(1, m.id());
            ps.setString(2, "contest:" + contestId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private int points(Member m, long contestId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT points FROM points_entry WHERE member_id = ? AND action = 'CONTEST' "
                + "AND reference = ?", ps -> {
            ps.setLong(1, m.id());
            ps.setString(2, "contest:" + contestId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }));
    }

    private long runs(long contestId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT runs FROM quiz_contest_award WHERE contest_id = ?", ps -> {
            ps.setLong(1, contestId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }));
    }

    private void freeze(long contestId) {
        awards.awardPending(); // jobs other test classes left in the shared database go first
        clock.set(java.time.Instant.ofEpochMilli(t + 700_000)); // after the end plus grace
        assertEquals(true, contests.freeze(contestId));
        assertEquals("PENDING", tx.awardState(contestId).orElseThrow());
    }

    @Test
    void redisDownAndAMysqlFailureMidAwardStillGiveEveryContestantExactlyOneEntry() {
        List<Member> players = members(5);
        long contestId = playedContest(players);
        REDIS.stop();
        try {
            freeze(contestId); // the freeze commits; the board rebuild fails quietly; no points yet
            players.forEach(m -> assertEquals(0, entries(m, contestId)));

            failing.failOnCall(3);
            awards.awardPending(); // two awarded, the third fails: the job is given back
            assertEquals(2, players.stream().filter(m -> entries(m, contestId) == 1).count());
            assertEquals("PENDING", tx.awardState(contestId).orElseThrow());
            awards.awardPending(); // not before the retry delay
            assertEquals(2, players.stream().filter(m -> entries(m, contestId) == 1).count());
            assertEquals(1, runs(contestId));

            clock.advance(Duration.ofSeconds(11));
            awards.awardPending();
            assertEquals("DONE", tx.awardState(contestId).orElseThrow());
            players.forEach(m -> assertEquals(1, entries(m, contestId), "member " + m.id()));
            awards.awardPending(); // done is done
            assertEquals(2, runs(contestId));
            players.forEach(m -> assertEquals(1, entries(m, contestId), "member " + m.id()));
        } finally {
            REDIS.start();
        }
        // Item 7: a committee's contest awards at most its budget (50), shared by score, whatever the organiser
        // set per question (10 × 4 = 40 for a full score here).
        assertEquals(12, points(players.get(0), contestId));  // 1 of 4 right: 50 × 10/40
        assertEquals(25, points(players.get(1), contestId));
        assertEquals(37, points(players.get(2), contestId));
        assertEquals(50, points(players.get(3), contestId));
        assertEquals(12, points(players.get(4), contestId));
    }

    @Test
    void instancesRacingForTheJobAwardOnceAndALeaseHeldByADeadInstanceExpires() throws Exception {
        List<Member> players = members(4);
        long raced = playedContest(players);
        freeze(raced);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                instances.add(awards::awardPending);
            }
            for (Future<Integer> f : pool.invokeAll(instances)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        players.forEach(m -> assertEquals(1, entries(m, raced)));
        assertEquals("DONE", tx.awardState(raced).orElseThrow());
        assertEquals(1, runs(raced)); // exactly one instance took the lease

        // An instance took the lease and died: nobody else works the job until the lease (60 s) expires.
        t = clock.millis();
        List<Member> others = members(2);
        long orphaned = playedContest(others);
        freeze(orphaned);
        assertEquals(orphaned, tx.claimAward("dead-instance", 60_000).orElseThrow());
        awards.awardPending();
        others.forEach(m -> assertEquals(0, entries(m, orphaned)));
        clock.advance(Duration.ofSeconds(61));
        awards.awardPending();
        assertEquals("DONE", tx.awardState(orphaned).orElseThrow());
        others.forEach(m -> assertEquals(1, entries(m, orphaned)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisServer startRedis() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Path dir = Files.createTempDirectory("vanguard-award-redis-");
            RedisServer server = RedisServer.builder().port(PORT).setting("bind 127.0.0.1")
                    .setting("dir " + dir).setting("save \"\"").build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
