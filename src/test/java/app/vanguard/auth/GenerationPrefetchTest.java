package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Members this instance holds no token generation for (their tokens new to it, as in a meeting's opening minutes)
 * arrive at once: their generations are read together off the request threads, and each token is still judged by
 * the generation in MySQL — one ended elsewhere (raised in MySQL, the announcement missed) is refused.
 */
@MicronautTest(transactional = false)
class GenerationPrefetchTest extends ApiTestBase {

    @Inject
    TokenGenerations generations;
    @Inject
    TokenGenerationStore store;

    @Test
    void manyNewMembersAtOnceEachJudgedByTheirGenerationInMySql() throws Exception {
        Organisation branch = fixtures.branch(fixtures.committee());
        List<Member> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Member m = fixtures.member(branch);
            members.add(m);
            tokens.add(fixtures.token(m));
        }
        for (int i = 0; i < members.size(); i += 3) {
            store.raise(members.get(i).id()); // ended on another instance whose announcement this one missed
        }
        generations.forgetAll();

        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (String token : tokens) {
            answers.add(pool.submit(() -> {
                go.await();
                return api().get("/me", token);
            }));
        }
        go.countDown();
        for (int i = 0; i < tokens.size(); i++) {
            Api.Response r = answers.get(i).get();
            if (i % 3 == 0) {
                assertEquals(401, r.status(), r::toString);
                assertEquals("TOKEN_INVALID", r.code());
            } else {
                assertEquals(200, r.status(), r::toString);
                assertEquals(members.get(i).id(), r.json().get("id").asLong());
            }
        }
        pool.shutdown();
    }
}
