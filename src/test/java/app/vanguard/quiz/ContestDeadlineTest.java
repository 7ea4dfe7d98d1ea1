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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's clock decides: answers are taken until the attempt's deadline plus the grace (5 s), refused after;
 * a final submit after that scores what the server had; an attempt nobody submits closes itself at its deadline;
 * no attempt runs past the contest's end, and none starts outside its window.
 */
@MicronautTest(transactional = false)
class ContestDeadlineTest extends QuizFixtures {

    @Inject
    TestClock clock;

    private Organisation committee;
    private Organisation branch;
    private String admin;
    private long t;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        t = TestDates.nowMillis();
        clock.set(Instant.ofEpochMilli(t));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(long offsetMs) {
        clock.set(Instant.ofEpochMilli(t + offsetMs));
    }

    @Test
    void answersAfterDeadlinePlusGraceAreRefused() {
        long contestId = createContest(committee, admin, t - 1000, t + 3_600_000, 60, 4, 1, true);
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        assertEquals(t + 60_000, TestDates.millis(attempt.get("deadline").asText()));
        String path = attemptPath(contestId, attempt.get("id").asLong());
        JsonNode qs = attempt.get("questions");

        at(30_000);
        assertEquals(30_000, api().get(path, token).json().get("remainingMs").asLong());
        assertEquals(200, api().put(path + "/answers/1", token, Map.of("answer", rightAnswer(qs.get(0)))).status());
        at(63_000); // past the deadline, inside the grace
        Api.Response inGrace = api().put(path + "/answers/2", token, Map.of("answer", rightAnswer(qs.get(1))));
        assertEquals(200, inGrace.status(), inGrace::toString);
        at(65_001); // past deadline + grace
        Api.Response late = api().put(path + "/answers/3", token, Map.of("answer", rightAnswer(qs.get(2))));
        assertEquals(409, late.status(), late::toString);
        assertEquals("DEADLINE_PASSED", late.code());
        assertNoAnswers(late);

        Api.Response submitted = api().post(path + "/submit", token, Map.of("answers", List.of(
                Map.of("position", 3, "answer", rightAnswer(qs.get(2))),
                Map.of("position", 4, "answer", rightAnswer(qs.get(3))))));
        assertEquals(200, submitted.status(), submitted::toString);
        JsonNode result = submitted.json().get("result");
        assertEquals(2, result.get("correctCount").asInt(), submitted::toString);
        assertEquals(20, result.get("score").asInt());
        assertEquals(60_000, result.get("timeUsedMs").asLong());
        assertTrue(submitted.json().get("questions").get(2).path("myAnswer").isMissingNode());
        assertNoAnswers(submitted);
    }

    @Test
    void anAttemptNobodySubmitsClosesAtItsDeadline() {
        long contestId = createContest(committee, admin, t - 1000, t + 3_600_000, 60, 4, 2, false);
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        String path = attemptPath(contestId, attempt.get("id").asLong());
        at(10_000);
        api().put(path + "/answers/1", token, Map.of("answer", rightAnswer(attempt.get("questions").get(0))));
        at(120_000);
        JsonNode view = api().get(path, token).json();
        assertEquals("FINISHED", view.get("status").asText());
        // Several attempts allowed: the score stays hidden until the contest ends (no probing).
        assertTrue(view.path("result").isMissingNode(), view::toString);
        // The member may start their second attempt.
        Api.Response second = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(201, second.status(), second::toString);
        assertEquals(2, second.json().get("attemptNo").asInt());
    }

    @Test
    void attemptsStayInsideTheContestWindow() {
        long endsSoon = createContest(committee, admin, t - 1000, t + 20_000, 600, 2, 1, false);
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + endsSoon + "/attempts", token, null).json();
        assertEquals(t + 20_000, TestDates.millis(attempt.get("deadline").asText()));
        at(26_000);
        Api.Response tooLate = api().post("/contests/" + endsSoon + "/attempts",
                fixtures.token(fixtures.member(branch)), null);
        assertEquals(409, tooLate.status(), tooLate::toString);
        assertEquals("CONTEST_NOT_OPEN", tooLate.code());

        long later = createContest(committee, admin, t + 600_000, t + 900_000, 60, 2, 1, false);
        Api.Response early = api().post("/contests/" + later + "/attempts", token, null);
        assertEquals(409, early.status(), early::toString);
        assertEquals("CONTEST_NOT_OPEN", early.code());
        assertEquals("UPCOMING", api().get("/contests/" + later, token).json().get("state").asText());
    }
}
