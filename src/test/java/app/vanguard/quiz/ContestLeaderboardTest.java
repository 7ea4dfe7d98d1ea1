package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsLedger;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ranking: points, then time used, then who finished first. The board is live in Redis (overall and per branch)
 * while the contest runs; at the end results freeze in MySQL, the board is rebuilt from them, points are awarded,
 * answers are revealed (when allowed), and the organiser exports results and per-question rates.
 */
@MicronautTest(transactional = false)
class ContestLeaderboardTest extends QuizFixtures {

    @Inject
    TestClock clock;

    @Inject
    ContestBoard board;

    @Inject
    PointsLedger ledger;

    @Inject
    ContestAwards awards;

    @Inject
    ContestTx tx;

    private long t;

    @BeforeEach
    void freeze() {
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

    private JsonNode start(long contestId, String token) {
        Api.Response r = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    private JsonNode submit(long contestId, String token, JsonNode attempt, boolean right) {
        List<Map<String, Object>> answers = new ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", right ? rightAnswer(q) : wrongAnswer(q)));
        }
        Api.Response r = api().post(attemptPath(contestId, attempt.get("id").asLong()) + "/submit", token,
                Map.of("answers", answers));
        assertEquals(200, r.status(), r::toString);
        assertNoAnswers(r);
        return r.json();
    }

    private static List<Long> ids(JsonNode board) {
        List<Long> out = new ArrayList<>();
        board.get("entries").forEach(e -> out.add(e.get("memberId").asLong()));
        return out;
    }

    @Test
    void tiesGoToLessTimeThenEarlierFinishAndTheBoardSurvivesTheEnd() throws InterruptedException {
        Organisation committee = fixtures.committee();
        Organisation b1 = fixtures.branch(committee);
        Organisation b2 = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        long contestId = createContest(committee, admin, t - 1000, t + 120_000, 600, 4, 1, true);
        Member a = fixtures.member(b1);
        Member b = fixtures.member(b1);
        Member c = fixtures.member(b2);
        Member d = fixtures.member(b2);
        fixtures.member(b2); // takes no part
        String ta = fixtures.token(a);
        String tb = fixtures.token(b);
        String tc = fixtures.token(c);
        String td = fixtures.token(d);

        JsonNode attemptA = start(contestId, ta);
        JsonNode attemptB = start(contestId, tb);
        at(10_000);
        submit(contestId, ta, attemptA, true);              // 40 points in 10 s
        at(20_000);
        submit(contestId, tb, attemptB, true);              // 40 points in 20 s, finished at +20 s
        at(30_000);
        JsonNode attemptC = start(contestId, tc);
        at(50_000);
        JsonNode doneC = submit(contestId, tc, attemptC, true);   // 40 points in 20 s, finished at +50 s
        JsonNode attemptD = start(contestId, td);
        at(55_000);
        submit(contestId, td, attemptD, false);             // 0 points

        assertEquals(4, doneC.get("result").get("correctCount").asInt());
        assertEquals(20_000, doneC.get("result").get("timeUsedMs").asLong());

        Api.Response live = api().get("/contests/" + contestId + "/leaderboard", tc);
        assertEquals(200, live.status(), live::toString);
        assertNoAnswers(live);
        assertEquals(List.of(a.id(), b.id(), c.id(), d.id()), ids(live.json()));
        JsonNode first = live.json().get("entries").get(0);
        assertEquals(40, first.get("score").asInt());
        assertEquals(4, first.get("correctCount").asInt());
        assertEquals(10_000, first.get("timeUsedMs").asLong());
        assertEquals(3, live.json().get("me").get("rank").asInt());
        assertEquals(false, live.json().get("frozen").asBoolean());

        JsonNode branchBoard = api().get("/contests/" + contestId + "/leaderboard?branchId=" + b2.id(), tc).json();
        assertEquals(List.of(c.id(), d.id()), ids(branchBoard));
        assertEquals(1, branchBoard.get("me").get("rank").asInt());

        Api.Response mine = api().get("/contests/" + contestId + "/results/me", tb);
        assertNoAnswers(mine);
        assertEquals(2, mine.json().get("rank").asInt());
        assertEquals(4, mine.json().get("total").asInt());
        assertEquals(75.0, mine.json().get("percentile").asDouble());
        assertEquals(2, mine.json().get("branchRank").asInt());
        assertEquals(20_000, mine.json().get("best").get("timeUsedMs").asLong());

        JsonNode participation = api().get("/contests/" + contestId + "/participation", ta).json();
        assertEquals(5, participation.get("members").asLong());
        assertEquals(4, participation.get("participants").asLong());
        JsonNode p2 = participation.get("branches").get(1);
        assertEquals(b2.id(), p2.get("branchId").asLong());
        assertEquals(3, p2.get("members").asLong());
        assertEquals(2, p2.get("participants").asLong());
        assertEquals(0.6667, p2.get("rate").asDouble());

        // Still running: another member sees no answers in my attempt, and I see none in mine.
        assertNoAnswers(api().get(attemptPath(contestId, attemptA.get("id").asLong()), ta));
        assertEquals(409, api().get("/contests/" + contestId + "/results/export", admin).status());

        at(126_000); // end + grace
        Api.Response frozen = api().get("/contests/" + contestId + "/leaderboard", ta);
        assertEquals(true, frozen.json().get("frozen").asBoolean(), frozen::toString);
        assertEquals(List.of(a.id(), b.id(), c.id(), d.id()), ids(frozen.json()));

        // Redis lost: the board comes back from the frozen results.
        board.drop(contestId);
        assertEquals(0, board.size(contestId, null));
        JsonNode rebuilt = api().get("/contests/" + contestId + "/leaderboard", ta).json();
        assertEquals(ids(frozen.json()), ids(rebuilt));
        assertEquals(frozen.json().get("entries"), rebuilt.get("entries"));
        board.drop(contestId);
        Api.Response byOrganiser = api().post("/contests/" + contestId + "/leaderboard/rebuild", admin, null);
        assertEquals(200, byOrganiser.status(), byOrganiser::toString);
        assertEquals(ids(frozen.json()), ids(byOrganiser.json()));

        // Points through the ledger, once, by the background award job (run here rather than waited for), from the
        // committee's budget (50 for a full score), not the organiser's 10 points a question.
        long until = System.currentTimeMillis() + 10_000;
        while (!"DONE".equals(tx.awardState(contestId).orElse(null)) && System.currentTimeMillis() < until) {
            awards.awardPending(); // a no-op while this instance's scheduled run holds the lease
            Thread.sleep(100);
        }
        assertEquals(50, ledger.find(a.id(), PointsAction.CONTEST, "contest:" + contestId).orElseThrow().award().points());
        assertTrue(ledger.find(d.id(), PointsAction.CONTEST, "contest:" + contestId).isEmpty());

        // Now the review is open (the organiser allows it).
        JsonNode review = api().get(attemptPath(contestId, attemptA.get("id").asLong()), ta).json();
        for (JsonNode q : review.get("questions")) {
            assertEquals(true, q.get("review").get("correct").asBoolean(), review::toString);
            String accepted = "|" + q.get("review").get("correctAnswer").asText() + "|";
            assertTrue(accepted.contains("|" + q.get("myAnswer").asText() + "|"), review::toString);
        }

        Api.Response csv = api().get("/contests/" + contestId + "/results/export", admin);
        assertEquals(200, csv.status(), csv::toString);
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertEquals(5, lines.length, csv::toString);
        assertTrue(lines[0].startsWith("rank,memberId,name"));
        assertTrue(lines[1].startsWith("1," + a.id() + ","));
        assertTrue(lines[4].startsWith("4," + d.id() + ","));
        Api.Response xlsx = api().get("/contests/" + contestId + "/results/export?format=xlsx", admin);
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.header("Content-Type").orElseThrow().startsWith(QuestionBankImportTest.XLSX));

        JsonNode stats = api().get("/contests/" + contestId + "/question-stats", admin).json();
        assertEquals(4, stats.get("questions").size());
        for (JsonNode s : stats.get("questions")) {
            assertEquals(4, s.get("shown").asLong());
            assertEquals(3, s.get("correct").asLong());
            assertEquals(0.75, s.get("correctRate").asDouble());
        }
    }
}
