package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Daily practice: N questions a day from my banks, the same set when reopened, unseen ones first the next day;
 * each answer marked at once with the explanation, points through the capped ledger; wrong answers go to the
 * wrong-answer book until answered right twice.
 */
@MicronautTest(transactional = false)
@Property(name = "vanguard.quiz.practice.questions-per-day", value = "2")
@Property(name = "vanguard.quiz.practice.points-per-correct", value = "6")
class DailyPracticeTest extends QuizFixtures {

    @Inject
    TestClock clock;

    private Organisation committee;
    private Organisation branch;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        seedBank(committee, fixtures.token(fixtures.orgAdmin(committee)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Set<Long> questionIds(JsonNode day) {
        Set<Long> ids = new HashSet<>();
        day.get("questions").forEach(q -> ids.add(q.get("questionId").asLong()));
        return ids;
    }

    private JsonNode today(String token) {
        Api.Response r = api().get("/practice/today", token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    @Test
    void theSameSetAllDayAndUnseenQuestionsTheNextDay() {
        String token = fixtures.token(fixtures.member(branch));
        clock.set(TestDates.at(0, 10, 0));
        JsonNode day1 = today(token);
        assertEquals(TestDates.today().toString(), day1.get("date").asText());
        assertEquals(2, day1.get("questions").size());
        for (JsonNode q : day1.get("questions")) {
            assertTrue(q.path("feedback").isMissingNode());
        }
        assertEquals(day1, today(token));

        clock.advance(Duration.ofDays(1));
        JsonNode day2 = today(token);
        assertEquals(TestDates.day(1).toString(), day2.get("date").asText());
        Set<Long> overlap = new HashSet<>(questionIds(day1));
        overlap.retainAll(questionIds(day2));
        assertTrue(overlap.isEmpty(), "day 2 repeated a question although unseen ones were left");

        clock.advance(Duration.ofDays(1));
        assertEquals(2, today(token).get("questions").size()); // all seen: seen ones come back
    }

    @Test
    void answersAreMarkedAtOnceAndEarnCappedPointsOnce() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode day = today(token);
        JsonNode q1 = day.get("questions").get(0);
        JsonNode q2 = day.get("questions").get(1);

        Api.Response first = api().put("/practice/today/answers/1", token, Map.of("answer", rightAnswer(q1)));
        assertEquals(200, first.status(), first::toString);
        assertEquals(true, first.json().get("correct").asBoolean());
        assertEquals(6, first.json().get("pointsAwarded").asInt());
        assertEquals(bankByStem.get(q1.get("stem").asText()).get("answer").asText(),
                first.json().get("correctAnswer").asText());

        Api.Response retry = api().put("/practice/today/answers/1", token, Map.of("answer", rightAnswer(q1)));
        assertEquals(true, retry.json().get("duplicate").asBoolean());
        assertEquals(6, retry.json().get("pointsAwarded").asInt());
        Api.Response changed = api().put("/practice/today/answers/1", token, Map.of("answer", wrongAnswer(q1)));
        assertEquals(409, changed.status());
        assertEquals("ANSWER_LOCKED", changed.code());

        // DAILY_PRACTICE is capped at 10 a day: the second right answer earns the 4 left.
        Api.Response second = api().put("/practice/today/answers/2", token, Map.of("answer", rightAnswer(q2)));
        assertEquals(4, second.json().get("pointsAwarded").asInt(), second::toString);

        JsonNode after = today(token);
        assertEquals(2, after.get("answered").asInt());
        assertEquals(2, after.get("correct").asInt());
        assertEquals(true, after.get("questions").get(0).get("feedback").get("correct").asBoolean());
        assertEquals(404, api().put("/practice/today/answers/3", token, Map.of("answer", "A")).status());
    }

    @Test
    void wrongAnswersStayInTheBookUntilRightTwiceInARow() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode q = today(token).get("questions").get(0);
        Api.Response wrong = api().put("/practice/today/answers/1", token, Map.of("answer", wrongAnswer(q)));
        assertEquals(false, wrong.json().get("correct").asBoolean());
        assertEquals(0, wrong.json().get("pointsAwarded").asInt());

        JsonNode bookPage = api().get("/practice/wrong-answers", token).json();
        assertEquals(1, bookPage.get("total").asLong());
        JsonNode book = bookPage.get("items");
        assertEquals(1, book.size());
        long questionId = q.get("questionId").asLong();
        assertEquals(questionId, book.get(0).get("questionId").asLong());
        assertEquals(1, book.get(0).get("wrongCount").asInt());
        String path = "/practice/wrong-answers/" + questionId + "/answer";

        assertEquals(1, api().post(path, token, Map.of("answer", rightAnswer(q))).json().get("rightStreak").asInt());
        assertEquals(0, api().post(path, token, Map.of("answer", wrongAnswer(q))).json().get("rightStreak").asInt());
        assertEquals(false, api().post(path, token, Map.of("answer", rightAnswer(q))).json().get("mastered").asBoolean());
        Api.Response mastered = api().post(path, token, Map.of("answer", rightAnswer(q)));
        assertEquals(true, mastered.json().get("mastered").asBoolean(), mastered::toString);
        assertEquals(0, api().get("/practice/wrong-answers", token).json().get("total").asLong());
        assertEquals(404, api().post(path, token, Map.of("answer", rightAnswer(q))).status());
    }

    @Test
    void practiceIsMineAndDrawsOnlyFromMyOrganisationsBanks() {
        String mine = fixtures.token(fixtures.member(branch));
        JsonNode q = today(mine).get("questions").get(0);
        api().put("/practice/today/answers/1", mine, Map.of("answer", wrongAnswer(q)));
        long questionId = q.get("questionId").asLong();

        // A member of another committee has other banks (empty here) and not my book.
        String stranger = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        assertEquals(0, today(stranger).path("questions").size());
        assertEquals(0, api().get("/practice/wrong-answers", stranger).json().get("items").size());
        assertEquals(404, api().post("/practice/wrong-answers/" + questionId + "/answer", stranger,
                Map.of("answer", "A")).status());
        // A member of a sibling branch has the committee's bank but their own set and book.
        String sibling = fixtures.token(fixtures.member(fixtures.branch(committee)));
        assertEquals(0, api().get("/practice/wrong-answers", sibling).json().get("items").size());
        assertEquals(404, api().post("/practice/wrong-answers/" + questionId + "/answer", sibling,
                Map.of("answer", "A")).status());

        Api.Response noBranch = api().get("/practice/today", fixtures.token(fixtures.systemAdmin()));
        assertEquals(403, noBranch.status(), noBranch::toString);
    }
}
