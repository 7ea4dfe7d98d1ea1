package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Challenge runs: one server-timed question at a time; a wrong or late answer ends the run; points by length. */
@MicronautTest(transactional = false)
class ChallengeRunTest extends QuizFixtures {

    @Inject
    TestClock clock;

    private Organisation branch;

    @BeforeEach
    void setUp() {
        Organisation committee = fixtures.committee();
        branch = fixtures.branch(committee);
        seedBank(committee, fixtures.token(fixtures.orgAdmin(committee)));
        clock.set(TestDates.now());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonNode start(String token) {
        Api.Response r = api().post("/challenge/runs", token, null);
        assertEquals(201, r.status(), r::toString);
        assertNoAnswers(r);
        return r.json();
    }

    private Api.Response answer(String token, JsonNode run, String answer) {
        JsonNode q = run.get("question");
        return api().put("/challenge/runs/" + run.get("id").asLong() + "/answers/" + q.get("number").asInt(), token,
                Map.of("answer", answer));
    }

    @Test
    void aWrongAnswerEndsTheRunAndItEarnsPointsByLength() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode run = start(token);
        assertEquals("OPEN", run.get("status").asText());
        assertEquals(1, run.get("question").get("number").asInt());
        assertEquals(clock.millis() + 20_000, TestDates.millis(run.get("question").get("deadline").asText()));

        Api.Response right = answer(token, run, rightAnswer(run.get("question")));
        assertEquals(200, right.status(), right::toString);
        JsonNode next = right.json();
        assertEquals(1, next.get("length").asInt());
        assertEquals(true, next.get("lastAnswer").get("correct").asBoolean());
        assertEquals(2, next.get("question").get("number").asInt());
        // A retry of the first answer changes nothing.
        Api.Response retry = answer(token, run, rightAnswer(run.get("question")));
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(1, retry.json().get("length").asInt());
        assertEquals(2, retry.json().get("question").get("number").asInt());

        Api.Response wrong = answer(token, next, wrongAnswer(next.get("question")));
        JsonNode ended = wrong.json();
        assertEquals("ENDED", ended.get("status").asText(), wrong::toString);
        assertEquals("WRONG", ended.get("endReason").asText());
        assertEquals(false, ended.get("lastAnswer").get("correct").asBoolean());
        assertTrue(ended.path("question").isMissingNode());
        assertEquals(1, ended.get("pointsAwarded").asInt());
        Api.Response again = api().get("/challenge/runs/" + run.get("id").asLong(), token);
        assertEquals(1, again.json().get("pointsAwarded").asInt());
    }

    @Test
    void aLateAnswerEndsTheRunAndIsNotTaken() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode run = start(token);
        clock.advance(Duration.ofSeconds(24)); // 20 s + 5 s grace not yet over
        JsonNode inGrace = answer(token, run, rightAnswer(run.get("question"))).json();
        assertEquals(1, inGrace.get("length").asInt(), inGrace::toString);
        clock.advance(Duration.ofSeconds(26));
        Api.Response late = answer(token, inGrace, rightAnswer(inGrace.get("question")));
        assertEquals(200, late.status(), late::toString);
        assertEquals("ENDED", late.json().get("status").asText());
        assertEquals("LATE", late.json().get("endReason").asText());
        assertEquals(1, late.json().get("length").asInt());

        // Nobody answering: the run ends as soon as anyone looks after the deadline.
        JsonNode idle = start(token);
        clock.advance(Duration.ofSeconds(30));
        JsonNode seen = api().get("/challenge/runs/" + idle.get("id").asLong(), token).json();
        assertEquals("LATE", seen.get("endReason").asText());
    }

    @Test
    void aRunNeverRepeatsAQuestionAndEndsWhenTheBankIsExhausted() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode run = start(token);
        Set<String> stems = new HashSet<>();
        while (run.get("status").asText().equals("OPEN")) {
            assertTrue(stems.add(run.get("question").get("stem").asText()), "question repeated");
            run = answer(token, run, rightAnswer(run.get("question"))).json();
        }
        assertEquals("EXHAUSTED", run.get("endReason").asText());
        assertEquals(4, run.get("length").asInt());
        assertEquals(4, run.get("pointsAwarded").asInt());
    }

    @Test
    void runsAreMine() {
        String token = fixtures.token(fixtures.member(branch));
        long runId = start(token).get("id").asLong();
        String other = fixtures.token(fixtures.member(branch));
        assertEquals(404, api().get("/challenge/runs/" + runId, other).status());
        assertEquals(404, api().put("/challenge/runs/" + runId + "/answers/1", other, Map.of("answer", "A")).status());
        // Another committee's member has no bank to draw from, never ours.
        Api.Response stranger = api().post("/challenge/runs",
                fixtures.token(fixtures.member(fixtures.branch(fixtures.committee()))), null);
        assertEquals(409, stranger.status(), stranger::toString);
        assertEquals("NOT_ENOUGH_QUESTIONS", stranger.code());
        assertEquals(403, api().post("/challenge/runs", fixtures.token(fixtures.systemAdmin()), null).status());
    }
}
