package app.vanguard.quiz;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a contest draws: by tags and difficulty mix, from the banks of its organisation and the organisations above
 * it (a branch contest uses the committee's bank), and refused at creation when the banks cannot fill it.
 */
@MicronautTest(transactional = false)
class ContestDrawTest extends QuizFixtures {

    private Organisation committee;
    private Organisation branch;
    private String secretary;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        seedBank(committee, fixtures.token(fixtures.orgAdmin(committee)));
        secretary = fixtures.token(fixtures.secretary(branch));
    }

    private Api.Response create(Map<String, Object> mix, List<String> tags, int count) {
        long now = TestDates.nowMillis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "分支竞赛");
        body.put("startsAt", TestDates.iso(now - 1000));
        body.put("endsAt", TestDates.iso(now + 3_600_000));
        body.put("timeLimitSeconds", 300);
        body.put("questionCount", count);
        body.put("pointsPerQuestion", 5);
        body.put("attemptsAllowed", 1);
        if (mix != null) {
            body.put("difficultyMix", mix);
        }
        body.put("tags", tags);
        return api().post("/orgs/" + branch.id() + "/contests", secretary, body);
    }

    @Test
    void aBranchContestDrawsTheMixFromTheCommitteeBank() {
        Api.Response created = create(Map.of("easy", 2, "medium", 0, "hard", 1), List.of("党章"), 3);
        assertEquals(201, created.status(), created::toString);
        assertEquals(2, created.json().get("difficultyMix").get("easy").asInt());
        long contestId = created.json().get("id").asLong();
        JsonNode attempt = api().post("/contests/" + contestId + "/attempts", fixtures.token(fixtures.member(branch)),
                null).json();
        List<String> difficulties = new ArrayList<>();
        attempt.get("questions").forEach(q -> difficulties.add(bankByStem.get(q.get("stem").asText())
                .get("difficulty").asText()));
        difficulties.sort(String::compareTo);
        assertEquals(List.of("EASY", "EASY", "HARD"), difficulties);
    }

    @Test
    void aDrawTheBanksCannotFillIsRefused() {
        Api.Response tooManyHard = create(Map.of("easy", 0, "medium", 0, "hard", 2), List.of(), 2);
        assertEquals(422, tooManyHard.status(), tooManyHard::toString);
        assertEquals("NOT_ENOUGH_QUESTIONS", tooManyHard.code());
        Api.Response unknownTag = create(null, List.of("没有这个标签"), 1);
        assertEquals(422, unknownTag.status(), unknownTag::toString);
        Api.Response mixDoesNotAddUp = create(Map.of("easy", 1, "medium", 0, "hard", 0), List.of(), 2);
        assertEquals(400, mixDoesNotAddUp.status(), mixDoesNotAddUp::toString);
        assertEquals("difficultyMix", mixDoesNotAddUp.json().get("errors").get(0).get("field").asText());
    }
}
