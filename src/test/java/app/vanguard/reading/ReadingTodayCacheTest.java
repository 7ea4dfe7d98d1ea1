package app.vanguard.reading;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The branch's day is kept in each instance's memory under the plan generation: a plan change shows at once, also
 * after Redis lost the generation (it starts again at a fresh number, never at one used before).
 */
@MicronautTest(transactional = false)
class ReadingTodayCacheTest extends ApiTestBase {

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Test
    void aPlanChangeShowsAtOnceEvenAfterRedisLostTheGeneration() {
        String admin = fixtures.token(fixtures.systemAdmin());
        long documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        List<Long> articles = ReadingSupport.articleIds(api(), admin, documentId);
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        String reader = fixtures.token(fixtures.member(branch));

        redis.sync().del(ReadingCache.GENERATION_KEY); // as a Redis restart without persistence would
        plan(branch, secretary, documentId, 1);
        assertEquals(articles.subList(0, 1), today(reader));
        assertEquals(articles.subList(0, 1), today(reader)); // kept in memory now

        redis.sync().del(ReadingCache.GENERATION_KEY); // lost again: the next change must not reuse a number
        plan(branch, secretary, documentId, 2);
        String generation = redis.sync().get(ReadingCache.GENERATION_KEY);
        assertNotEquals("1", generation);
        assertEquals(articles.subList(0, 2), today(reader));

        plan(branch, secretary, documentId, 3);
        assertEquals(articles.subList(0, 3), today(reader));
    }

    private void plan(Organisation branch, String secretary, long documentId, int perDay) {
        Api.Response set = api().put("/orgs/" + branch.id() + "/reading-plan", secretary, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", perDay, "startDate", TestDates.today().toString()));
        assertEquals(200, set.status(), set::toString);
    }

    private List<Long> today(String token) {
        Api.Response r = api().get("/reading/today", token);
        assertEquals(200, r.status(), r::toString);
        List<Long> ids = new ArrayList<>();
        for (JsonNode a : r.json().get("articles")) {
            ids.add(a.get("id").asLong());
        }
        return ids;
    }
}
