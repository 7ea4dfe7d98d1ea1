package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    ContestBoard board;

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
        assertEquals(List.of(fast.id(), slow.id()), ids(before));

        // The fast member's entry is lost from Redis (as when the after-commit write failed): only the slow one shows.
        ContestBoard.Entry lost = board.entries(contestId).get(fast.id());
        redis.sync().hdel(ContestBoard.entriesKey(contestId), Long.toString(fast.id()));
        redis.sync().zrem(ContestBoard.overallKey(contestId), lost.key());
        redis.sync().zrem(ContestBoard.branchKey(contestId, branch.id()), lost.key());

        // The scheduled catch-up (every 300 ms here) puts it back, in its place.
        JsonNode after = null;
        for (int i = 0; i < 100; i++) {
            after = api().get("/contests/" + contestId + "/leaderboard", slowToken).json();
            if (ids(after).size() == 2) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(ids(before), ids(after));
        assertEquals(before.get("entries"), after.get("entries"));
        assertEquals(2, after.get("me").get("rank").asInt());

        // Later rounds leave a board that matches MySQL as it is.
        Thread.sleep(700);
        assertEquals(after.get("entries"),
                api().get("/contests/" + contestId + "/leaderboard", slowToken).json().get("entries"));
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
