package app.vanguard.quiz;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.TestDates;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Shared steps of the contest tests: a bank, a contest, and answering right or wrong as a contestant would. */
abstract class QuizFixtures extends ApiTestBase {

    /** Field names that would give an answer away. */
    static final Set<String> LEAKS = Set.of("correctAnswer", "explanation", "review", "correct", "answerKey");

    static final String BANK = "type,stem,A,B,C,D,answer,explanation,difficulty,tags\n"
            + "单选,党的最高领导机关是,全国代表大会和中央委员会,中央政治局,中央书记处,中央军委,A,党章第十条,易,党章\n"
            + "多选,三会一课包括,支部党员大会,支部委员会,党小组会,茶话会,ABC,,中,党章\n"
            + "判断,预备党员的预备期为一年。,,,,,正确,党章第七条,易,党章\n"
            + "填空,党的基层组织中最基本的是____。,,,,,党支部|支部,,难,党章\n";

    /** stem → the bank question (with its answer), as the organiser sees it. */
    Map<String, JsonNode> bankByStem = new HashMap<>();

    void seedBank(Organisation org, String adminToken) {
        Api.Response r = api().send("POST", "/orgs/" + org.id() + "/questions/import", adminToken, "text/csv", BANK,
                Map.of());
        assertEquals(201, r.status(), r::toString);
        for (JsonNode q : api().get("/orgs/" + org.id() + "/questions", adminToken).json().get("items")) {
            bankByStem.put(q.get("stem").asText(), q);
        }
    }

    long createContest(Organisation org, String organiserToken, long startsAtMs, long endsAtMs, int limitSeconds,
                       int questionCount, int attempts, boolean reveal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "党章知识竞赛");
        body.put("startsAt", TestDates.iso(startsAtMs));
        body.put("endsAt", TestDates.iso(endsAtMs));
        body.put("timeLimitSeconds", limitSeconds);
        body.put("questionCount", questionCount);
        body.put("pointsPerQuestion", 10);
        body.put("attemptsAllowed", attempts);
        body.put("revealAnswers", reveal);
        body.put("tags", List.of("党章"));
        Api.Response r = api().post("/orgs/" + org.id() + "/contests", organiserToken, body);
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asLong();
    }

    /** The right answer to a question as shown in an attempt (option letters in the attempt's order). */
    String rightAnswer(JsonNode shown) {
        JsonNode q = bankByStem.get(shown.get("stem").asText());
        String type = q.get("type").asText();
        if (type.equals("FILL_IN")) {
            return q.get("answer").asText().split("\\|")[0];
        }
        StringBuilder sb = new StringBuilder();
        List<String> bankOptions = texts(q.get("options"));
        List<String> shownOptions = texts(shown.get("options"));
        for (char letter : q.get("answer").asText().toCharArray()) {
            String text = bankOptions.get(letter - 'A');
            sb.append((char) ('A' + shownOptions.indexOf(text)));
        }
        char[] c = sb.toString().toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }

    String wrongAnswer(JsonNode shown) {
        String right = rightAnswer(shown);
        String type = shown.get("type").asText();
        if (type.equals("FILL_IN")) {
            return "不知道";
        }
        if (type.equals("MULTIPLE_CHOICE")) {
            return right.contains("D") ? "A" : "D";
        }
        return right.equals("A") ? "B" : "A";
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Fails if any field anywhere in the JSON could give an answer away. */
    static void assertNoAnswers(Api.Response response) {
        assertNoAnswers(response.json(), response.toString());
    }

    private static void assertNoAnswers(JsonNode node, String context) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                assertFalse(LEAKS.contains(f.getKey()), "answer leaked as '" + f.getKey() + "' in " + context);
                assertNoAnswers(f.getValue(), context);
            }
        } else if (node.isArray()) {
            node.forEach(n -> assertNoAnswers(n, context));
        }
    }

    /** A contest of a new committee with one branch, running from 1 s before {@code t} for two minutes. */
    record Running(long id, Organisation committee, Organisation branch, String organiserToken) {
    }

    Running runningContest(long t) {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        return new Running(createContest(committee, admin, t - 1000, t + 120_000, 600, 4, 1, true), committee, branch,
                admin);
    }

    /** Two members of the contest's branch who finished with every answer right, fast at t + 10 s, slow at t + 20 s. */
    record Finishers(app.vanguard.org.Member fast, String fastToken, app.vanguard.org.Member slow, String slowToken) {
    }

    Finishers twoFinishers(Running contest, app.vanguard.support.TestClock clock, long t) {
        app.vanguard.org.Member fast = fixtures.member(contest.branch());
        app.vanguard.org.Member slow = fixtures.member(contest.branch());
        String fastToken = fixtures.token(fast);
        String slowToken = fixtures.token(slow);
        JsonNode a = api().post("/contests/" + contest.id() + "/attempts", slowToken, null).json();
        JsonNode b = api().post("/contests/" + contest.id() + "/attempts", fastToken, null).json();
        clock.set(java.time.Instant.ofEpochMilli(t + 10_000));
        submitRight(contest.id(), fastToken, b);
        clock.set(java.time.Instant.ofEpochMilli(t + 20_000));
        submitRight(contest.id(), slowToken, a);
        return new Finishers(fast, fastToken, slow, slowToken);
    }

    /** A submit body with every question of the attempt answered right. */
    Map<String, Object> rightAnswers(JsonNode attempt) {
        List<Map<String, Object>> answers = new java.util.ArrayList<>();
        int position = 1;
        for (JsonNode q : attempt.get("questions")) {
            answers.add(Map.of("position", position++, "answer", rightAnswer(q)));
        }
        return Map.of("answers", answers);
    }

    /** Submits the attempt with every answer right; answers the finished attempt. */
    JsonNode submitRight(long contestId, String token, JsonNode attempt) {
        Api.Response r = api().post(attemptPath(contestId, attempt.get("id").asLong()) + "/submit", token,
                rightAnswers(attempt));
        assertEquals(200, r.status(), r::toString);
        assertEquals("FINISHED", r.json().get("status").asText(), r::toString);
        return r.json();
    }

    /** The members on a contest board, in rank order. */
    static List<Long> boardIds(JsonNode board) {
        List<Long> out = new java.util.ArrayList<>();
        board.get("entries").forEach(e -> out.add(e.get("memberId").asLong()));
        return out;
    }

    /** Takes a member off the contest's live boards in Redis, as a board write that never happened. */
    static void forgetOnBoard(io.lettuce.core.api.sync.RedisCommands<String, String> redis, long contestId,
                              long branchId, long memberId) {
        for (String key : List.of(ContestBoard.overallKey(contestId), ContestBoard.branchKey(contestId, branchId))) {
            for (String entry : redis.zrange(key, 0, -1)) {
                if (Long.parseLong(entry.substring(entry.indexOf(':') + 1)) == memberId) {
                    redis.zrem(key, entry);
                }
            }
        }
        redis.hdel(ContestBoard.entriesKey(contestId), Long.toString(memberId));
    }

    String attemptPath(long contestId, long attemptId) {
        return "/contests/" + contestId + "/attempts/" + attemptId;
    }
}
