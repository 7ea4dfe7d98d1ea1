package app.vanguard.reading;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.PointsTotals;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 8 a.m. burst: many members finish at once (finishes are decided and written many at a time), each answered as
 * if alone; the same session finished twice at once is awarded once and both answers are the same; a member of
 * another subtree (no plan) earns nothing; another member's session is not found. The ledger holds each award once.
 */
@MicronautTest(transactional = false)
class ReadingFinishBurstTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PointsTotals totals;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record Reader(Member member, String token, long session) {
    }

    @Test
    void manyMembersFinishAtOnceAndTheSameSessionTwiceIsAwardedOnce() throws Exception {
        String admin = fixtures.token(fixtures.systemAdmin());
        long documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        long articleId = ReadingSupport.articleIds(api(), admin, documentId).get(0);
        Organisation committee = fixtures.committee();
        List<Organisation> branches = List.of(fixtures.branch(committee), fixtures.branch(committee));
        Organisation elsewhere = fixtures.branch(fixtures.committee()); // another subtree: no plan
        clock.set(TestDates.at(0, 8, 0));
        assertEquals(200, api().put("/orgs/" + committee.id() + "/reading-plan", admin, Map.of("documentIds",
                List.of(documentId), "articlesPerDay", 1, "startDate", TestDates.today().toString())).status());

        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Member m = fixtures.member(branches.get(i % 2));
            readers.add(open(m, articleId));
        }
        Reader outsider = open(fixtures.member(elsewhere), articleId);
        Reader twice = open(fixtures.member(branches.get(0)), articleId);
        Reader victim = open(fixtures.member(branches.get(1)), articleId);
        clock.advance(Duration.ofSeconds(11));

        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (Reader r : readers) {
            calls.add(() -> finish(r.token(), r.session()));
        }
        calls.add(() -> finish(outsider.token(), outsider.session()));
        calls.add(() -> finish(twice.token(), twice.session()));
        calls.add(() -> finish(twice.token(), twice.session()));
        calls.add(() -> finish(readers.get(0).token(), victim.session())); // someone else's session
        List<Api.Response> answers = all(calls);

        for (int i = 0; i < readers.size(); i++) {
            Api.Response a = answers.get(i);
            assertEquals(200, a.status(), a::toString);
            JsonNode body = a.json();
            assertEquals(readers.get(i).session(), body.get("sessionId").asLong());
            assertEquals(2, body.get("points").asInt(), a::toString);
            assertTrue(body.get("planArticle").asBoolean());
            assertFalse(body.get("alreadyRead").asBoolean());
            assertTrue(body.get("dayDone").asBoolean());
            assertEquals(1, body.get("currentStreak").asInt());
            assertEquals(2, totals.totalOf(readers.get(i).member().id()));
        }
        Api.Response outside = answers.get(readers.size());
        assertEquals(200, outside.status(), outside::toString);
        assertFalse(outside.json().get("planArticle").asBoolean());
        assertEquals(0, outside.json().get("points").asInt());
        assertEquals(0, totals.totalOf(outsider.member().id()));

        Api.Response first = answers.get(readers.size() + 1);
        Api.Response second = answers.get(readers.size() + 2);
        assertEquals(200, first.status(), first::toString);
        assertEquals(200, second.status(), second::toString);
        assertEquals(first.json(), second.json(), "the same session finished twice at once: the same answer");
        assertEquals(2, first.json().get("points").asInt());
        assertEquals(2, totals.totalOf(twice.member().id()), "awarded once");
        JsonNode history = api().get("/me/points", twice.token()).json();
        assertEquals(1, history.get("total").asInt());

        Api.Response stolen = answers.get(readers.size() + 3);
        assertEquals(404, stolen.status(), stolen::toString);
        assertEquals("NOT_FOUND", stolen.code());
        // The victim's own finish still works afterwards, once.
        Api.Response own = finish(victim.token(), victim.session());
        assertEquals(200, own.status(), own::toString);
        assertEquals(2, own.json().get("points").asInt());
        assertEquals(own.json(), finish(victim.token(), victim.session()).json());
        assertEquals(2, totals.totalOf(victim.member().id()));

        // The streak and calendar read what the burst wrote.
        JsonNode streak = api().get("/reading/me/streak", readers.get(3).token()).json();
        assertEquals(1, streak.get("current").asInt());
        assertTrue(streak.get("todayDone").asBoolean());
    }

    private Reader open(Member member, long articleId) {
        String token = fixtures.token(member);
        Api.Response opened = api().post("/reading/articles/" + articleId + "/open", token, null);
        assertEquals(201, opened.status(), opened::toString);
        return new Reader(member, token, opened.json().get("sessionId").asLong());
    }

    private Api.Response finish(String token, long session) {
        return api().post("/reading/sessions/" + session + "/finish", token, null);
    }

    private static List<Api.Response> all(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (Callable<Api.Response> call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<Api.Response> out = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }
}
