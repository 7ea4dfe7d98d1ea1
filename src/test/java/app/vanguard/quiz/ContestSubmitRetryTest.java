package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
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
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long contestId = createContest(committee, admin, t - 1000, t + 120_000, 600, 4, 1, true);
        Member first = fixtures.member(branch);
        Member crashed = fixtures.member(branch);
        String firstToken = fixtures.token(first);
        String crashedToken = fixtures.token(crashed);
        JsonNode a = api().post("/contests/" + contestId + "/attempts", firstToken, null).json();
        JsonNode b = api().post("/contests/" + contestId + "/attempts", crashedToken, null).json();
        clock.set(Instant.ofEpochMilli(t + 10_000));
        submit(contestId, firstToken, a);
        clock.set(Instant.ofEpochMilli(t + 20_000));
        Map<String, Object> body = answers(b);
        JsonNode answered = submitted(api().post(submitPath(contestId, b), crashedToken, body));

        // The crash: the attempt is committed in MySQL, its board update never ran.
        forget(contestId, branch.id(), crashed.id());
        assertEquals(List.of(first.id()), ids(api().get("/contests/" + contestId + "/leaderboard", admin).json()));

        clock.set(Instant.ofEpochMilli(t + 30_000));
        JsonNode retried = submitted(api().post(submitPath(contestId, b), crashedToken, body));
        assertEquals(answered.get("finishedAt").asText(), retried.get("finishedAt").asText());
        assertEquals(answered.get("result"), retried.get("result"));
        JsonNode board = api().get("/contests/" + contestId + "/leaderboard", crashedToken).json();
        assertEquals(List.of(first.id(), crashed.id()), ids(board));
        assertEquals(2, board.get("total").asLong());
        assertEquals(2, board.get("me").get("rank").asInt());
        assertEquals(List.of(first.id(), crashed.id()),
                ids(api().get("/contests/" + contestId + "/leaderboard?branchId=" + branch.id(), admin).json()));

        // A further retry changes nothing.
        submitted(api().post(submitPath(contestId, b), crashedToken, body));
        assertEquals(board.get("entries"),
                api().get("/contests/" + contestId + "/leaderboard", crashedToken).json().get("entries"));
    }

    private void forget(long contestId, long branchId, long memberId) {
        RedisCommands<String, String> r = redis.sync();
        for (String key : List.of(ContestBoard.overallKey(contestId), ContestBoard.branchKey(contestId, branchId))) {
            for (String entry : r.zrange(key, 0, -1)) {
                if (Long.parseLong(entry.substring(entry.indexOf(':') + 1)) == memberId) {
                    r.zrem(key, entry);
                }
            }
        }
        r.hdel(ContestBoard.entriesKey(contestId), Long.toString(memberId));
    }

    private void submit(long contestId, String token, JsonNode attempt) {
        submitted(api().post(submitPath(contestId, attempt), token, answers(attempt)));
    }

    private static JsonNode submitted(Api.Response r) {
        assertEquals(200, r.status(), r::toString);
        assertEquals("FINISHED", r.json().get("status").asText(), r::toString);
        return r.json();
    }

    private String submitPath(long contestId, JsonNode attempt) {
        return attemptPath(contestId, attempt.get("id").asLong()) + "/submit";
    }

    private Map<String, Object> answers(JsonNode attempt) {
        List<Map<String, Object>> answers = new ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", rightAnswer(q)));
        }
        return Map.of("answers", answers);
    }

    private static List<Long> ids(JsonNode board) {
        List<Long> out = new ArrayList<>();
        board.get("entries").forEach(e -> out.add(e.get("memberId").asLong()));
        return out;
    }
}
