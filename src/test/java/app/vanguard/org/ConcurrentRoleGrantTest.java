package app.vanguard.org;

import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same role granted twice at once is granted once, and both callers get 201. */
@MicronautTest(transactional = false)
class ConcurrentRoleGrantTest extends ApiTestBase {

    @Inject
    RoleAssignmentRepository roles;

    @Test
    void concurrentGrantsOfOneRoleAreIdempotent() throws Exception {
        for (int round = 0; round < 3; round++) {
            Organisation committee = fixtures.committee();
            Organisation branch = fixtures.branch(committee);
            Member member = fixtures.member(branch);
            String admin = fixtures.token(fixtures.orgAdmin(committee));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return api().post("/orgs/" + branch.id() + "/roles", admin,
                                Map.of("memberId", member.id(), "role", "COMMITTEE_MEMBER")).status();
                    }));
                }
                start.countDown();
                for (Future<Integer> f : results) {
                    assertEquals(201, f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, roles.findByMemberId(member.id()).size());
        }
    }
}
