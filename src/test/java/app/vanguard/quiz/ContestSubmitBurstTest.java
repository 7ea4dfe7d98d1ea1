package app.vanguard.quiz;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The contest's submit burst (many contestants at once, bench/scenarios/contest.sh): every contestant's submit is
 * scored from exactly their answers, stored once, and on the live board once; the same attempt sent twice at once
 * keeps one set of answers and answers both the same; someone else's attempt in the middle of the burst is 404
 * without disturbing the others.
 */
@MicronautTest(transactional = false)
class ContestSubmitBurstTest extends QuizFixtures {

    private static final int CONTESTANTS = 24;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    private Organisation committee;
    private Organisation branch;
    private String admin;
    private long contestId;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long now = TestDates.nowMillis();
        contestId = createContest(committee, admin, now - 60_000, now + 3_600_000, 600, 4, 1, false);
    }

    private record Contestant(String token, long attemptId, List<Map<String, Object>> answers, int right) {
    }

    @Test
    void manyContestantsAtOnceEachCountedOnceAndATwinSubmitAnsweredAlike() throws Exception {
        List<Contestant> contestants = new ArrayList<>();
        for (int i = 0; i < CONTESTANTS; i++) {
            String token = fixtures.token(fixtures.member(i % 2 == 0 ? branch : fixtures.branch(committee)));
            Api.Response started = api().post("/contests/" + contestId + "/attempts", token, null);
            assertEquals(201, started.status(), started::toString);
            JsonNode questions = started.json().get("questions");
            int right = i % 5; // 0..4 of the 4 questions right (4 means all)
            right = Math.min(right, questions.size());
            List<Map<String, Object>> answers = new ArrayList<>();
            for (int p = 0; p < questions.size(); p++) {
                JsonNode q = questions.get(p);
                answers.add(Map.of("position", p + 1, "answer", p < right ? rightAnswer(q) : wrongAnswer(q)));
            }
            contestants.add(new Contestant(token, started.json().get("id").asLong(), answers, right));
        }
        // A member of another subtree, and one of the same branch, each sending someone else's attempt.
        String outsider = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        String neighbour = fixtures.token(fixtures.member(branch));

        List<Callable<Api.Response>> calls = new ArrayList<>();
        List<Integer> whose = new ArrayList<>();
        for (int i = 0; i < CONTESTANTS; i++) {
            Contestant c = contestants.get(i);
            int times = i < 3 ? 2 : 1; // the first three send their submit twice at once (double tap)
            for (int t = 0; t < times; t++) {
                calls.add(() -> api().post(attemptPath(contestId, c.attemptId()) + "/submit", c.token(),
                        Map.of("answers", c.answers())));
                whose.add(i);
            }
        }
        Contestant victim = contestants.get(5);
        calls.add(() -> api().post(attemptPath(contestId, victim.attemptId()) + "/submit", outsider,
                Map.of("answers", List.of())));
        whose.add(-1);
        calls.add(() -> api().post(attemptPath(contestId, victim.attemptId()) + "/submit", neighbour,
                Map.of("answers", List.of())));
        whose.add(-2);

        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Future<Api.Response>> futures = pool.invokeAll(calls);
        pool.shutdown();
        Map<Integer, List<JsonNode>> byContestant = new HashMap<>();
        for (int k = 0; k < futures.size(); k++) {
            Api.Response r = futures.get(k).get();
            int i = whose.get(k);
            if (i == -1) {
                assertEquals(403, r.status(), r::toString); // not a participant of this contest at all
                continue;
            }
            if (i == -2) {
                assertEquals(404, r.status(), r::toString); // a participant, but not their attempt
                continue;
            }
            assertEquals(200, r.status(), r::toString);
            assertNoAnswers(r);
            byContestant.computeIfAbsent(i, x -> new ArrayList<>()).add(r.json());
        }
        for (int i = 0; i < CONTESTANTS; i++) {
            Contestant c = contestants.get(i);
            List<JsonNode> views = byContestant.get(i);
            JsonNode result = views.get(0).get("result");
            assertEquals(c.right(), result.get("correctCount").asInt(), views.get(0)::toString);
            assertEquals(10 * c.right(), result.get("score").asInt());
            assertEquals("FINISHED", views.get(0).get("status").asText());
            for (JsonNode v : views) {
                // The twin answers as the first did: same result, same answers shown.
                assertEquals(views.get(0).get("result"), v.get("result"));
                assertEquals(views.get(0).get("questions"), v.get("questions"));
                assertEquals(views.get(0).get("finishedAt"), v.get("finishedAt"));
            }
            for (int p = 0; p < 4; p++) {
                assertEquals(c.answers().get(p).get("answer"),
                        views.get(0).get("questions").get(p).get("myAnswer").asText());
            }
            assertEquals(4, count("SELECT COUNT(*) FROM quiz_attempt_answer WHERE attempt_id = ?", c.attemptId()));
            assertEquals(c.right(), count("SELECT COUNT(*) FROM quiz_attempt_answer WHERE attempt_id = ? AND correct",
                    c.attemptId()));
            assertEquals(10L * c.right(), count("SELECT score FROM quiz_attempt WHERE id = ? AND finished_at_ms IS NOT NULL",
                    c.attemptId()));
            // A later repeat answers as before, and the attempt stays closed.
            Api.Response again = api().post(attemptPath(contestId, c.attemptId()) + "/submit", c.token(), null);
            assertEquals(200, again.status(), again::toString);
            assertEquals(views.get(0).get("result"), again.json().get("result"));
            assertEquals(views.get(0).get("questions"), again.json().get("questions"));
        }
        assertEquals(CONTESTANTS, count("SELECT COUNT(*) FROM quiz_attempt WHERE contest_id = ?", contestId));

        // The live board holds every contestant once, with the score MySQL holds.
        JsonNode board = api().get("/contests/" + contestId + "/leaderboard?limit=100", admin).json();
        assertEquals(CONTESTANTS, board.get("total").asInt(), board::toString);
        assertEquals(CONTESTANTS, board.get("entries").size());
        for (JsonNode e : board.get("entries")) {
            assertEquals(e.get("score").asLong(), count("SELECT score FROM quiz_attempt WHERE contest_id = ? "
                    + "AND member_id = ?", contestId, e.get("memberId").asLong()));
        }
    }

    private long count(String sql, Object... args) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
    }
}
