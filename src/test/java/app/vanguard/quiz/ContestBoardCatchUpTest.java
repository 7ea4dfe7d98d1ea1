package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A contest's live board does not drift from MySQL: an entry lost after its submit committed (Redis failed in the
 * after-commit step, or the service died between the two) is put back by the catch-up, without a retry from the
 * phone and without an organiser's rebuild; entries already right are left alone.
 */
@MicronautTest(transactional = false)
@Property(name = "vanguard.quiz.board-catch-up-interval", value = "300ms")
class ContestBoardCatchUpTest extends QuizFixtures {

    @Inject
    TestClock clock;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEntryLostAfterItsCommitIsPutBackFromMySql() throws Exception {
        long t = TestDates.nowMillis();
        clock.set(Instant.ofEpochMilli(t));
        Running contest = runningContest(t);
        long contestId = contest.id();
        Finishers done = twoFinishers(contest, clock, t);
        Member fast = done.fast();
        Member slow = done.slow();
        String slowToken = done.slowToken();
        JsonNode before = api().get("/contests/" + contestId + "/leaderboard", slowToken).json();
        assertEquals(List.of(fast.id(), slow.id()), boardIds(before));

        // The fast member's entry is lost from Redis (as when the after-commit write failed): only the slow one shows.
        forgetOnBoard(redis.sync(), contestId, contest.branch().id(), fast.id());

        // The scheduled catch-up (every 300 ms here) puts it back, in its place.
        JsonNode after = null;
        for (int i = 0; i < 100; i++) {
            after = api().get("/contests/" + contestId + "/leaderboard", slowToken).json();
            if (boardIds(after).size() == 2) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(boardIds(before), boardIds(after));
        assertEquals(before.get("entries"), after.get("entries"));
        assertEquals(2, after.get("me").get("rank").asInt());

        // Later rounds leave a board that matches MySQL as it is.
        Thread.sleep(700);
        assertEquals(after.get("entries"),
                api().get("/contests/" + contestId + "/leaderboard", slowToken).json().get("entries"));
    }
}
