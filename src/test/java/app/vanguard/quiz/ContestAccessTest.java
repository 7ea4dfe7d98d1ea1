package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A branch-scoped contest, organised by the branch's secretary: every contest endpoint, called by a member of
 * another branch, the secretary of another branch and the admin of another subtree (all refused), by the branch's
 * own members (contestant endpoints only), and by the organisers.
 */
@MicronautTest(transactional = false)
class ContestAccessTest extends QuizFixtures {

    private Organisation committee;
    private Organisation branch;
    private long contestId;
    private long attemptId;
    private String secretary;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        secretary = fixtures.token(fixtures.secretary(branch));
        seedBank(branch, secretary);
        long now = TestDates.nowMillis();
        contestId = createContest(branch, secretary, now - 1000, now + 3_600_000, 600, 4, 1, true);
        String member = fixtures.token(fixtures.member(branch));
        attemptId = api().post("/contests/" + contestId + "/attempts", member, null).json().get("id").asLong();
    }

    private Map<String, Function<String, Api.Response>> contestantCalls() {
        String c = "/contests/" + contestId;
        String a = c + "/attempts/" + attemptId;
        Map<String, Function<String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("get contest", t -> api().get(c, t));
        calls.put("start", t -> api().post(c + "/attempts", t, null));
        calls.put("get attempt", t -> api().get(a, t));
        calls.put("answer", t -> api().put(a + "/answers/1", t, Map.of("answer", "A")));
        calls.put("submit", t -> api().post(a + "/submit", t, null));
        calls.put("leaderboard", t -> api().get(c + "/leaderboard", t));
        calls.put("participation", t -> api().get(c + "/participation", t));
        calls.put("my result", t -> api().get(c + "/results/me", t));
        return calls;
    }

    private Map<String, Function<String, Api.Response>> organiserCalls() {
        String c = "/contests/" + contestId;
        Map<String, Function<String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("create", t -> api().post("/orgs/" + branch.id() + "/contests", t, Map.of("title", "再来一场",
                "startsAt", TestDates.iso(TestDates.nowMillis()), "endsAt", TestDates.iso(TestDates.nowMillis() + 1), "timeLimitSeconds", 60, "questionCount", 1, "pointsPerQuestion", 1,
                "attemptsAllowed", 1)));
        calls.put("question stats", t -> api().get(c + "/question-stats", t));
        calls.put("export", t -> api().get(c + "/results/export", t));
        calls.put("rebuild", t -> api().post(c + "/leaderboard/rebuild", t, null));
        return calls;
    }

    private static void expect(int status, Map<String, Function<String, Api.Response>> calls, String token, String who) {
        calls.forEach((name, call) -> {
            Api.Response r = call.apply(token);
            assertEquals(status, r.status(), who + " → " + name + ": " + r);
            if (status == 403) {
                assertEquals("FORBIDDEN", r.code(), who + " → " + name);
            }
        });
    }

    @Test
    void memberOfAnotherBranchIsRefusedEverything() {
        String token = fixtures.token(fixtures.member(fixtures.branch(committee)));
        expect(403, contestantCalls(), token, "other member");
        expect(403, organiserCalls(), token, "other member");
    }

    @Test
    void secretaryOfAnotherBranchIsRefusedEverything() {
        String token = fixtures.token(fixtures.secretary(fixtures.branch(committee)));
        expect(403, contestantCalls(), token, "other secretary");
        expect(403, organiserCalls(), token, "other secretary");
    }

    @Test
    void adminOfAnotherSubtreeIsRefusedEverything() {
        String token = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        expect(403, contestantCalls(), token, "other admin");
        expect(403, organiserCalls(), token, "other admin");
    }

    @Test
    void aMemberOfTheBranchTakesPartButDoesNotOrganise() {
        String token = fixtures.token(fixtures.member(branch));
        expect(403, organiserCalls(), token, "member");
        // Contestant calls on someone else's attempt are 404; on the contest itself they work.
        assertEquals(200, api().get("/contests/" + contestId, token).status());
        assertEquals(201, api().post("/contests/" + contestId + "/attempts", token, null).status());
        assertEquals(200, api().get("/contests/" + contestId + "/leaderboard", token).status());
        assertEquals(200, api().get("/contests/" + contestId + "/participation", token).status());
        assertEquals(200, api().get("/contests/" + contestId + "/results/me", token).status());
        assertEquals(404, api().get("/contests/" + contestId + "/attempts/" + attemptId, token).status());
        assertEquals(1, api().get("/contests", token).json().get("total").asLong());
        assertEquals(1, api().get("/contests", token).json().get("items").size());
        assertEquals(0, api().get("/contests?page=1&size=1", token).json().get("items").size());
        assertEquals(0, api().get("/contests", fixtures.token(fixtures.member(fixtures.branch(committee)))).json()
                .get("items").size());
    }

    @Test
    void theOrganisersMayOrganise() {
        for (String token : new String[]{secretary, fixtures.token(fixtures.orgAdmin(committee))}) {
            assertEquals(200, api().get("/contests/" + contestId, token).status());
            assertEquals(200, api().get("/contests/" + contestId + "/question-stats", token).status());
            assertEquals(200, api().post("/contests/" + contestId + "/leaderboard/rebuild", token, null).status());
            assertEquals(409, api().get("/contests/" + contestId + "/results/export", token).status());
            assertEquals(200, api().get("/contests/" + contestId + "/participation", token).status());
            Api.Response bad = organiserCalls().get("create").apply(token);
            assertNotEquals(403, bad.status(), bad::toString);
        }
        // An organiser who is not in the subtree watches but does not take part.
        Api.Response start = api().post("/contests/" + contestId + "/attempts", fixtures.token(fixtures.orgAdmin(committee)), null);
        assertEquals(403, start.status(), start::toString);
        assertEquals(404, api().get("/contests/999999999", secretary).status());
    }
}
