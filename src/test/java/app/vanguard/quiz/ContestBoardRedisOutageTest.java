package app.vanguard.quiz;

import app.vanguard.dev.EmbeddedServers;
import app.vanguard.org.Member;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import app.vanguard.support.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 11: a contest board has a MySQL source, so with Redis stopped it is answered from MySQL (same order,
 * same rank), at once. Stops the suite's embedded Redis and always starts it again.
 */
@MicronautTest(transactional = false)
class ContestBoardRedisOutageTest extends QuizFixtures {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theLiveBoardIsAnsweredFromMySqlWhileRedisIsDown() {
        EmbeddedServers servers = TestServers.embedded().orElse(null);
        Assumptions.assumeTrue(servers != null, "needs the embedded Redis it can stop");
        long t = TestDates.nowMillis();
        clock.set(Instant.ofEpochMilli(t));
        Running contest = runningContest(t);
        long contestId = contest.id();
        Finishers done = twoFinishers(contest, clock, t);
        Member fast = done.fast();
        Member slow = done.slow();
        String slowToken = done.slowToken();
        JsonNode before = api().get("/contests/" + contestId + "/leaderboard", slowToken).json();

        servers.stopRedis();
        try {
            long started = System.nanoTime();
            Api.Response during = api().get("/contests/" + contestId + "/leaderboard", slowToken);
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, during.status(), during::toString);
            assertTrue(ms < 1000, "answered in " + ms + " ms");
            assertEquals(List.of(fast.id(), slow.id()), boardIds(during.json()));
            assertEquals(boardIds(before), boardIds(during.json()));
            assertEquals(2, during.json().get("me").get("rank").asInt());
            assertEquals(2, during.json().get("total").asLong());
        } finally {
            servers.startRedis();
        }
    }
}
