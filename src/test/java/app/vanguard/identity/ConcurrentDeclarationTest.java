package app.vanguard.identity;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two submits of a declaration at once make one declaration; the other answers 409 DECLARATION_OPEN. */
@MicronautTest(transactional = false)
class ConcurrentDeclarationTest extends IdentityTestBase {

    @Test
    void concurrentSubmitsMakeOneDeclaration() throws Exception {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api().post("/me/declarations", token, declaration(branch.id(), false, "诚信经营")).status();
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        var mine = api().get("/me/declarations", token);
        assertEquals(200, mine.status(), mine::toString);
        assertEquals(1, (mine.json().has("items") ? mine.json().get("items") : mine.json()).size(), mine::toString);
    }
}
