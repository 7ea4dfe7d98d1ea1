package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17's crash test (bench/scenarios/crash.sh) found it: a service killed between a submit's commit and its
 * board update leaves the finished attempt off the live board, and the phone's retry (answered 200 with the stored
 * result) did not put it back. The retry now does; nothing else changes.
 */
@MicronautTest(transactional = false)
class ContestSubmitRetryTest extends QuizFixtures {

    @Inject
    TestClock clock;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRetriedSubmitPutsTheFinishedAttemptBackOnTheLiveBoard() {
        long t = TestDates.nowMillis();
        clock.set(Instant.ofEpochMilli(t));
        Running contest = runningContest(t);
        long contestId = contest.id();
        Organisation branch = contest.branch();
        String admin = contest.organiserToken();
        Member first = fixtures.member(branch);
        Member crashed = fixtures.member(branch);
        String firstToken = fixtures.token(first);
        String crashedToken = fixtures.token(crashed);
        JsonNode a = api().post("/contests/" + contestId + "/attempts", firstToken, null).json();
        JsonNode b = api().post("/contests/" + contestId + "/attempts", crashedToken, null).json();
        clock.set(Instant.ofEpochMilli(t + 10_000));
        submitRight(contestId, firstToken, a);
        clock.set(Instant.ofEpochMilli(t + 20_000));
        Map<String, Object> body = rightAnswers(b);
        JsonNode answered = submitted(api().post(attemptPath(contestId, b.get("id").asLong()) + "/submit", crashedToken, body));

        // The crash: the attempt is committed in MySQL, its board update never ran.
        forgetOnBoard(redis.sync(), contestId, branch.id(), crashed.id());
        assertEquals(List.of(first.id()), boardIds(api().get("/contests/" + contestId + "/leaderboard", admin).json()));

        clock.set(Instant.ofEpochMilli(t + 30_000));
        JsonNode retried = submitted(api().post(attemptPath(contestId, b.get("id").asLong()) + "/submit", crashedToken, body));
        assertEquals(answered.get("finishedAt").asText(), retried.get("finishedAt").asText());
        assertEquals(answered.get("result"), retried.get("result"));
        JsonNode board = api().get("/contests/" + contestId + "/leaderboard", crashedToken).json();
        assertEquals(List.of(first.id(), crashed.id()), boardIds(board));
        assertEquals(2, board.get("total").asLong());
        assertEquals(2, board.get("me").get("rank").asInt());
        assertEquals(List.of(first.id(), crashed.id()),
                boardIds(api().get("/contests/" + contestId + "/leaderboard?branchId=" + branch.id(), admin).json()));

        // A further retry changes nothing.
        submitted(api().post(attemptPath(contestId, b.get("id").asLong()) + "/submit", crashedToken, body));
        assertEquals(board.get("entries"),
                api().get("/contests/" + contestId + "/leaderboard", crashedToken).json().get("entries"));
    }

    private static JsonNode submitted(Api.Response r) {
        assertEquals(200, r.status(), r::toString);
        assertEquals("FINISHED", r.json().get("status").asText(), r::toString);
        return r.json();
    }
}
