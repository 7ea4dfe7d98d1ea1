package app.vanguard.quiz;

import app.vanguard.dev.EmbeddedServers;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long contestId = createContest(committee, admin, t - 1000, t + 120_000, 600, 4, 1, true);
        Member fast = fixtures.member(branch);
        Member slow = fixtures.member(branch);
        String fastToken = fixtures.token(fast);
        String slowToken = fixtures.token(slow);
        JsonNode a = api().post("/contests/" + contestId + "/attempts", slowToken, null).json();
        JsonNode b = api().post("/contests/" + contestId + "/attempts", fastToken, null).json();
        clock.set(Instant.ofEpochMilli(t + 10_000));
        submit(contestId, fastToken, b);
        clock.set(Instant.ofEpochMilli(t + 20_000));
        submit(contestId, slowToken, a);
        JsonNode before = api().get("/contests/" + contestId + "/leaderboard", slowToken).json();

        servers.stopRedis();
        try {
            long started = System.nanoTime();
            Api.Response during = api().get("/contests/" + contestId + "/leaderboard", slowToken);
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, during.status(), during::toString);
            assertTrue(ms < 1000, "answered in " + ms + " ms");
            assertEquals(List.of(fast.id(), slow.id()), ids(during.json()));
            assertEquals(ids(before), ids(during.json()));
            assertEquals(2, during.json().get("me").get("rank").asInt());
            assertEquals(2, during.json().get("total").asLong());
        } finally {
            servers.startRedis();
        }
    }

    private void submit(long contestId, String token, JsonNode attempt) {
        List<Map<String, Object>> answers = new ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", rightAnswer(q)));
        }
        Api.Response r = api().post(attemptPath(contestId, attempt.get("id").asLong()) + "/submit", token,
                Map.of("answers", answers));
        assertEquals(200, r.status(), r::toString);
    }

    private static List<Long> ids(JsonNode board) {
        List<Long> out = new ArrayList<>();
        board.get("entries").forEach(e -> out.add(e.get("memberId").asLong()));
        return out;
    }
}
