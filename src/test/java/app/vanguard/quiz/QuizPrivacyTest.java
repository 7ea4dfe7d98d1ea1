package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.PersonalDataRows;
import app.vanguard.support.PointsTotals;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 13 for quiz: a member's contest attempts and answers are in their data export; erasing the departed
 * member blanks the answers as given while the contest's leaderboard, scores and the points ledger stay the same.
 */
@MicronautTest(transactional = false)
class QuizPrivacyTest extends QuizFixtures {

    @Inject
    TestClock clock;

    @Inject
    PointsTotals points;

    @Inject
    PersonalDataRows rows;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void contestAttemptsAreExportedAndErasedKeepingTheBoard() {
        long t = TestDates.nowMillis();
        clock.set(Instant.ofEpochMilli(t));
        Running contest = runningContest(t);
        long contestId = contest.id();
        Organisation branch = contest.branch();
        String admin = contest.organiserToken();
        Member member = fixtures.member(branch);
        Member other = fixtures.member(branch);
        String token = fixtures.token(member);
        submit(contestId, token, true);
        clock.set(Instant.ofEpochMilli(t + 10_000));
        submit(contestId, fixtures.token(other), false);

        clock.set(Instant.ofEpochMilli(t + 130_000)); // the contest is over
        JsonNode boardBefore = api().get("/contests/" + contestId + "/leaderboard", admin).json().get("entries");
        assertEquals(member.id(), boardBefore.get(0).get("memberId").asLong());
        assertEquals(40, boardBefore.get(0).get("score").asInt());
        int pointsBefore = points.totalOf(member.id());

        JsonNode sections = export(token);
        JsonNode attempt = sections.get("quizAttempts").get(0);
        assertEquals(contestId, attempt.get("contestId").asLong());
        assertEquals(40, attempt.get("score").asInt());
        assertTrue(attempt.get("finishedAt").asText().endsWith("+08:00"), attempt::toString);
        assertEquals(4, sections.get("quizAnswers").size());
        boolean fillIn = false;
        for (JsonNode a : sections.get("quizAnswers")) {
            fillIn |= a.get("answer").asText().contains("支部");
        }
        assertTrue(fillIn, "the fill-in answer as given is exported: " + sections.get("quizAnswers"));
        assertTrue(export(fixtures.token(other)).get("quizAnswers").toString().contains("不知道"));

        String secretary = fixtures.token(fixtures.secretary(branch));
        assertEquals(200, api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable", secretary,
                null).status());
        String sysAdmin = fixtures.token(fixtures.systemAdmin());
        Api.Response erased = api().post("/admin/members/" + member.id() + "/erase", sysAdmin, null);
        assertEquals(200, erased.status(), erased::toString);

        JsonNode boardAfter = api().get("/contests/" + contestId + "/leaderboard", admin).json().get("entries");
        assertEquals(boardBefore.size(), boardAfter.size());
        for (int i = 0; i < boardBefore.size(); i++) {
            assertEquals(boardBefore.get(i).get("memberId"), boardAfter.get(i).get("memberId"));
            assertEquals(boardBefore.get(i).get("score"), boardAfter.get(i).get("score"));
            assertEquals(boardBefore.get(i).get("correctCount"), boardAfter.get(i).get("correctCount"));
            assertEquals(boardBefore.get(i).get("timeUsedMs"), boardAfter.get(i).get("timeUsedMs"));
        }
        assertEquals(pointsBefore, points.totalOf(member.id()));
        Map<String, List<Map<String, Object>>> left = rows.of(member.id());
        assertEquals(1, left.get("quizAttempts").size(), "the attempt stays");
        assertEquals(40, ((Number) left.get("quizAttempts").get(0).get("score")).intValue());
        assertEquals(4, left.get("quizAnswers").size(), "each answer's right/wrong flag stays");
        for (Map<String, Object> a : left.get("quizAnswers")) {
            assertEquals("", a.get("answer"), "the answer as given is blanked: " + a);
        }
        // The other contestant's answers are untouched.
        assertTrue(export(fixtures.token(other)).get("quizAnswers").toString().contains("不知道"));
    }

    private JsonNode export(String token) {
        Api.Response r = api().get("/me/data-export", token);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("sections");
    }

    private void submit(long contestId, String token, boolean right) {
        Api.Response started = api().post("/contests/" + contestId + "/attempts", token, null);
        assertEquals(201, started.status(), started::toString);
        JsonNode attempt = started.json();
        List<Map<String, Object>> answers = new ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", right ? rightAnswer(q) : wrongAnswer(q)));
        }
        Api.Response r = api().post(attemptPath(contestId, attempt.get("id").asLong()) + "/submit", token,
                Map.of("answers", answers));
        assertEquals(200, r.status(), r::toString);
        assertFalse(r.json().isMissingNode());
    }
}
