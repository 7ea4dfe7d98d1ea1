package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attempt: the server fixes questions and option order, sends no answers, takes each answer once (a retry is
 * harmless, a change is refused), and a final submit counts once however often it is sent, even concurrently.
 */
@MicronautTest(transactional = false)
class ContestAttemptTest extends QuizFixtures {

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private Organisation branch;
    private long contestId;

    @BeforeEach
    void setUp() {
        Organisation committee = fixtures.committee();
        branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long now = TestDates.nowMillis();
        contestId = createContest(committee, admin, now - 60_000, now + 3_600_000, 600, 4, 1, true);
        this.committee = committee;
        this.admin = admin;
    }

    private Organisation committee;
    private String admin;

    @Test
    void startingFixesTheSetAndSendsNoAnswers() {
        String token = fixtures.token(fixtures.member(branch));
        Api.Response started = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(201, started.status(), started::toString);
        assertNoAnswers(started);
        JsonNode attempt = started.json();
        assertEquals("OPEN", attempt.get("status").asText());
        assertEquals(4, attempt.get("questions").size());
        assertEquals(600_000, TestDates.millis(attempt.get("deadline").asText()) - TestDates.millis(attempt.get("startedAt").asText()));
        for (JsonNode q : attempt.get("questions")) {
            assertTrue(q.path("answer").isMissingNode());
        }

        // A retry of the start (double tap, lost response) is the same attempt, same order.
        Api.Response again = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(200, again.status(), again::toString);
        assertEquals(attempt.get("id").asLong(), again.json().get("id").asLong());
        assertEquals(attempt.get("questions"), again.json().get("questions"));
        Api.Response view = api().get(attemptPath(contestId, attempt.get("id").asLong()), token);
        assertEquals(attempt.get("questions"), view.json().get("questions"));
        assertNoAnswers(view);
    }

    @Test
    void optionsAreShuffledPerAttemptAndStoredAsAPermutation() {
        // Over a few attempts the 4-option single choice must not always come in the author's order.
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String token = fixtures.token(fixtures.member(branch));
            JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
            for (JsonNode q : attempt.get("questions")) {
                if (q.get("type").asText().equals("SINGLE_CHOICE")) {
                    orders.add(texts(q.get("options")));
                }
            }
        }
        assertTrue(orders.size() > 1, "options were never shuffled: " + orders);
    }

    @Test
    void anAnswerIsTakenOnceAndCannotBeChanged() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        String path = attemptPath(contestId, attempt.get("id").asLong());
        JsonNode first = attempt.get("questions").get(0);
        String right = rightAnswer(first);

        Api.Response answered = api().put(path + "/answers/1", token, Map.of("answer", right));
        assertEquals(200, answered.status(), answered::toString);
        assertNoAnswers(answered);
        assertEquals(false, answered.json().get("duplicate").asBoolean());

        Api.Response retry = api().put(path + "/answers/1", token, Map.of("answer", right.toLowerCase()));
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(true, retry.json().get("duplicate").asBoolean());

        Api.Response changed = api().put(path + "/answers/1", token, Map.of("answer", wrongAnswer(first)));
        assertEquals(409, changed.status(), changed::toString);
        assertEquals("ANSWER_LOCKED", changed.code());

        int choice = 2;
        while (attempt.get("questions").get(choice - 1).get("type").asText().equals("FILL_IN")) {
            choice++;
        }
        Api.Response nonsense = api().put(path + "/answers/" + choice, token, Map.of("answer", "Z"));
        assertEquals(400, nonsense.status(), nonsense::toString);
        assertEquals(404, api().put(path + "/answers/9", token, Map.of("answer", "A")).status());

        JsonNode view = api().get(path, token).json();
        assertEquals(right, view.get("questions").get(0).get("myAnswer").asText());
    }

    @Test
    void aSubmitKeepsEarlierAnswersAndTheFirstOfAPositionSentTwice() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        long attemptId = attempt.get("id").asLong();
        JsonNode q = attempt.get("questions");
        // Question 1 answered wrong before the submit; the submit's right answer to it must not replace it.
        Api.Response before = api().put(attemptPath(contestId, attemptId) + "/answers/1", token,
                Map.of("answer", wrongAnswer(q.get(0))));
        assertEquals(200, before.status(), before::toString);
        List<Map<String, Object>> answers = List.of(
                Map.of("position", 1, "answer", rightAnswer(q.get(0))),
                Map.of("position", 2, "answer", rightAnswer(q.get(1))),
                Map.of("position", 2, "answer", wrongAnswer(q.get(1))),
                Map.of("position", 3, "answer", wrongAnswer(q.get(2))),
                Map.of("position", 9, "answer", "A"));
        Api.Response submitted = api().post(attemptPath(contestId, attemptId) + "/submit", token, Map.of("answers", answers));
        assertEquals(200, submitted.status(), submitted::toString);
        JsonNode result = submitted.json().get("result");
        assertEquals(1, result.get("correctCount").asInt(), submitted::toString);
        JsonNode questions = submitted.json().get("questions");
        assertEquals(before.json().get("answer").asText(), questions.get(0).get("myAnswer").asText());
        assertTrue(questions.get(3).get("myAnswer") == null || questions.get(3).get("myAnswer").isNull());
    }

    @Test
    void concurrentSubmitsCountOnce() throws Exception {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        long attemptId = attempt.get("id").asLong();
        List<Map<String, Object>> answers = new ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", position % 2 == 0 ? rightAnswer(q) : wrongAnswer(q)));
        }
        // Positions 1 and 3 right, 2 and 4 wrong.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> api().post(attemptPath(contestId, attemptId) + "/submit", token, Map.of("answers", answers)));
        }
        List<JsonNode> results = new ArrayList<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            Api.Response r = f.get();
            assertEquals(200, r.status(), r::toString);
            results.add(r.json().get("result"));
        }
        pool.shutdown();
        for (JsonNode result : results) {
            assertEquals(results.get(0), result);
        }
        assertEquals(2, results.get(0).get("correctCount").asInt());
        assertEquals(20, results.get(0).get("score").asInt());
        assertEquals(4, results.get(0).get("questionCount").asInt());
        long stored = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM quiz_attempt_answer WHERE attempt_id = ?", ps -> {
                    ps.setLong(1, attemptId);
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getLong(1);
                }));
        assertEquals(4, stored);

        // And once more, later: the same result; the attempt is closed to new answers.
        Api.Response again = api().post(attemptPath(contestId, attemptId) + "/submit", token, null);
        assertEquals(results.get(0), again.json().get("result"));
        Api.Response late = api().put(attemptPath(contestId, attemptId) + "/answers/2", token,
                Map.of("answer", rightAnswer(attempt.get("questions").get(1))));
        assertEquals(409, late.status(), late::toString);
        assertEquals("ANSWER_LOCKED", late.code());
        // Review waits for the contest's end even though my attempt is over.
        assertNoAnswers(api().get(attemptPath(contestId, attemptId), token));
    }

    @Test
    void concurrentDifferentAnswersToOneQuestionKeepExactlyOne() throws Exception {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
        String path = attemptPath(contestId, attempt.get("id").asLong());
        JsonNode first = attempt.get("questions").get(0);
        List<String> answers = List.of(rightAnswer(first), wrongAnswer(first));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String answer = answers.get(i % 2);
            calls.add(() -> api().put(path + "/answers/1", token, Map.of("answer", answer)));
        }
        int fresh = 0;
        Set<String> accepted = new HashSet<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            Api.Response r = f.get();
            if (r.status() == 200) {
                accepted.add(r.json().get("answer").asText());
                fresh += r.json().get("duplicate").asBoolean() ? 0 : 1;
            } else {
                assertEquals(409, r.status(), r::toString);
                assertEquals("ANSWER_LOCKED", r.code());
            }
        }
        pool.shutdown();
        assertEquals(1, fresh);
        assertEquals(1, accepted.size());
        assertEquals(accepted.iterator().next(),
                api().get(path, token).json().get("questions").get(0).get("myAnswer").asText());
    }

    @Test
    void contestListingsCarryNoAnswers() {
        String token = fixtures.token(fixtures.member(branch));
        api().post("/contests/" + contestId + "/attempts", token, null);
        assertNoAnswers(api().get("/contests/" + contestId, token));
        assertNoAnswers(api().get("/contests", token));
        assertNoAnswers(api().get("/contests/" + contestId + "/participation", token));
        assertNoAnswers(api().get("/contests/" + contestId + "/results/me", token));
        assertNoAnswers(api().get("/contests/" + contestId + "/leaderboard", token));
    }

    @Test
    void concurrentStartsMakeOneAttempt() throws Exception {
        String token = fixtures.token(fixtures.member(branch));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> api().post("/contests/" + contestId + "/attempts", token, null));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            Api.Response r = f.get();
            assertTrue(r.status() == 200 || r.status() == 201, r::toString);
            ids.add(r.json().get("id").asLong());
        }
        pool.shutdown();
        assertEquals(1, ids.size());
    }

    @Test
    void attemptsAreLimited() {
        long now = TestDates.nowMillis();
        long contestId = createContest(committee, admin, now - 60_000, now + 3_600_000, 600, 4, 2, true);
        String token = fixtures.token(fixtures.member(branch));
        for (int i = 1; i <= 2; i++) {
            JsonNode attempt = api().post("/contests/" + contestId + "/attempts", token, null).json();
            assertEquals(i, attempt.get("attemptNo").asInt());
            api().post(attemptPath(contestId, attempt.get("id").asLong()) + "/submit", token, null);
        }
        Api.Response third = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(409, third.status(), third::toString);
        assertEquals("NO_ATTEMPTS_LEFT", third.code());
    }

    @Test
    void anotherMembersAttemptIsNotFound() {
        String mine = fixtures.token(fixtures.member(branch));
        long attemptId = api().post("/contests/" + contestId + "/attempts", mine, null).json().get("id").asLong();
        String other = fixtures.token(fixtures.member(branch));
        assertEquals(404, api().get(attemptPath(contestId, attemptId), other).status());
        assertEquals(404, api().put(attemptPath(contestId, attemptId) + "/answers/1", other, Map.of("answer", "A")).status());
        assertEquals(404, api().post(attemptPath(contestId, attemptId) + "/submit", other, null).status());
        assertNotEquals(0, attemptId);
    }
}
