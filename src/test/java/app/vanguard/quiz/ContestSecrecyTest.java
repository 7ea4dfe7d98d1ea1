package app.vanguard.quiz;

import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fair play (issue 14, item 1): while a contest is scheduled or running, no member-facing endpoint gives away the
 * answer of a question it can draw; whoever can read its bank cannot take part; challenge runs are limited per day;
 * with several attempts, scores stay hidden until the end.
 */
@MicronautTest(transactional = false)
class ContestSecrecyTest extends QuizFixtures {

    /** Anything that would tell right from wrong. */
    private static final Set<String> STRICT = Set.of("correctAnswer", "explanation", "review", "answerKey", "feedback",
            "lastAnswer", "result", "best", "correct", "correctCount", "score");

    @Inject
    TestClock clock;

    private Organisation committee;
    private Organisation branch;
    private String admin;

    @BeforeEach
    void setUp() {
        clock.set(TestDates.at(0, 10, 0));
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void assertRevealsNothing(Api.Response r, Set<String> except) {
        check(r.json(), r.toString(), except);
    }

    private static void check(JsonNode node, String context, Set<String> except) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                assertFalse(STRICT.contains(f.getKey()) && !except.contains(f.getKey()),
                        "'" + f.getKey() + "' revealed in " + context);
                check(f.getValue(), context, except);
            }
        } else if (node.isArray()) {
            node.forEach(n -> check(n, context, except));
        }
    }

    @Test
    void aContestantUsingEveryMemberEndpointDuringALiveContestFindsNoAnswer() {
        String token = fixtures.token(fixtures.member(branch));
        // Before the contest is announced the member practises (the set is drawn) and gets one wrong.
        JsonNode day = api().get("/practice/today", token).json();
        assertEquals(4, day.get("questions").size());
        JsonNode first = day.get("questions").get(0);
        Api.Response wrong = api().put("/practice/today/answers/1", token, Map.of("answer", wrongAnswer(first)));
        assertEquals(200, wrong.status(), wrong::toString);

        long now = clock.millis();
        long contestId = createContest(committee, admin, now + 60_000, now + 3_600_000, 600, 4, 2, true);
        String c = "/contests/" + contestId;

        // Scheduled, not yet running: practice, book and challenge already keep its questions secret.
        Api.Response today = api().get("/practice/today", token);
        assertEquals(200, today.status(), today::toString);
        assertRevealsNothing(today, Set.of("correct")); // the day's count of right answers, not an answer
        for (int position = 2; position <= 4; position++) {
            Api.Response refused = api().put("/practice/today/answers/" + position, token,
                    Map.of("answer", rightAnswer(day.get("questions").get(position - 1))));
            assertEquals(409, refused.status(), refused::toString);
            assertEquals("QUESTION_IN_CONTEST", refused.code());
        }
        Api.Response book = api().get("/practice/wrong-answers", token);
        assertEquals(200, book.status(), book::toString);
        assertEquals(1, book.json().get("items").size());
        assertRevealsNothing(book, Set.of());
        Api.Response fromBook = api().post("/practice/wrong-answers/" + first.get("questionId").asLong() + "/answer",
                token, Map.of("answer", rightAnswer(first)));
        assertEquals(409, fromBook.status(), fromBook::toString);
        assertEquals("QUESTION_IN_CONTEST", fromBook.code());
        Api.Response run = api().post("/challenge/runs", token, null);
        assertEquals(409, run.status(), run::toString); // every question of the bank is reserved
        assertEquals("NOT_ENOUGH_QUESTIONS", run.code());

        // Running.
        clock.advance(Duration.ofMinutes(2));
        assertRevealsNothing(api().get("/contests", token), Set.of());
        assertRevealsNothing(api().get(c, token), Set.of());
        Api.Response started = api().post(c + "/attempts", token, null);
        assertEquals(201, started.status(), started::toString);
        assertRevealsNothing(started, Set.of());
        JsonNode attempt = started.json();
        String path = attemptPath(contestId, attempt.get("id").asLong());
        for (int position = 1; position <= 4; position++) {
            JsonNode q = attempt.get("questions").get(position - 1);
            String answer = position % 2 == 0 ? rightAnswer(q) : wrongAnswer(q);
            Api.Response answered = api().put(path + "/answers/" + position, token, Map.of("answer", answer));
            assertEquals(200, answered.status(), answered::toString);
            assertRevealsNothing(answered, Set.of());
        }
        Api.Response submitted = api().post(path + "/submit", token, null);
        assertEquals(200, submitted.status(), submitted::toString);
        assertEquals("FINISHED", submitted.json().get("status").asText());
        assertRevealsNothing(submitted, Set.of());
        assertRevealsNothing(api().get(path, token), Set.of());
        Api.Response board = api().get(c + "/leaderboard", token);
        assertEquals(409, board.status(), board::toString);
        assertEquals("SCORES_HIDDEN", board.code());
        Api.Response mine = api().get(c + "/results/me", token);
        assertEquals(200, mine.status(), mine::toString);
        assertRevealsNothing(mine, Set.of());
        assertEquals(1, mine.json().get("attemptsUsed").asInt());
        Api.Response participation = api().get(c + "/participation", token);
        assertEquals(200, participation.status(), participation::toString);
        assertRevealsNothing(participation, Set.of());
        Api.Response second = api().post(c + "/attempts", token, null);
        assertEquals(201, second.status(), second::toString);
        assertRevealsNothing(second, Set.of());
        assertRevealsNothing(api().get("/practice/today", token), Set.of("correct"));
        assertEquals(409, api().post("/challenge/runs", token, null).status());

        // Once the contest has ended, everything is shown again.
        clock.advance(Duration.ofHours(2));
        JsonNode after = api().get(path, token).json();
        assertTrue(after.get("result").has("score"), after::toString);
        assertTrue(after.get("questions").get(0).has("review"), after::toString);
        Api.Response practice = api().put("/practice/today/answers/2", token,
                Map.of("answer", rightAnswer(day.get("questions").get(1))));
        assertEquals(200, practice.status(), practice::toString);
        assertTrue(practice.json().has("correctAnswer"));
        assertEquals(201, api().post("/challenge/runs", token, null).status());
    }

    @Test
    void whoeverCanReadTheBankCannotTakePart() {
        long now = clock.millis();
        long contestId = createContest(committee, admin, now - 1000, now + 3_600_000, 600, 4, 1, false);
        // A member of the branch who also administers the committee whose bank the contest draws from.
        String reader = fixtures.token(fixtures.withRole(fixtures.member(branch), Role.ORG_ADMIN, committee));
        Api.Response start = api().post("/contests/" + contestId + "/attempts", reader, null);
        assertEquals(403, start.status(), start::toString);
        assertEquals("CONTEST_BANK_READER", start.code());
        // The branch secretary of a branch contest drawing on the branch's own bank: likewise.
        String secretary = fixtures.token(fixtures.secretary(branch));
        seedBank(branch, secretary);
        long branchContest = createContest(branch, secretary, now - 1000, now + 3_600_000, 600, 4, 1, false);
        Api.Response own = api().post("/contests/" + branchContest + "/attempts", secretary, null);
        assertEquals(403, own.status(), own::toString);
        assertEquals("CONTEST_BANK_READER", own.code());
        assertEquals(201, api().post("/contests/" + branchContest + "/attempts",
                fixtures.token(fixtures.member(branch)), null).status());
    }

    @Test
    void challengeRunsAreLimitedPerDay() {
        String token = fixtures.token(fixtures.member(branch));
        for (int i = 0; i < 5; i++) {
            Api.Response r = api().post("/challenge/runs", token, null);
            assertEquals(201, r.status(), r::toString);
        }
        Api.Response sixth = api().post("/challenge/runs", token, null);
        assertEquals(429, sixth.status(), sixth::toString);
        assertEquals("CHALLENGE_DAILY_LIMIT", sixth.code());
        assertEquals(String.valueOf(14 * 3600), sixth.header("Retry-After").orElse(null)); // until Shanghai midnight from 10:00
        clock.set(TestDates.at(1, 0, 1));
        assertEquals(201, api().post("/challenge/runs", token, null).status());
    }
}
