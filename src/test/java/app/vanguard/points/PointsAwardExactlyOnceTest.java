package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same award, sent many times at once, is recorded once; different awards past the cap are cut to fit. */
@MicronautTest(transactional = false)
class PointsAwardExactlyOnceTest {

    @Inject
    PointsService points;

    @Inject
    Fixtures fixtures;

    @Inject
    LedgerQueries queries;

    @Test
    void concurrentRepeatsOfOneAwardRecordOneRow() throws Exception {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PointsAward>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return points.award(member.id(), PointsAction.CHECK_IN, "meeting:42", 5);
            }));
        }
        start.countDown();
        int fresh = 0;
        for (Future<PointsAward> result : results) {
            PointsAward award = result.get();
            assertEquals(5, award.points());
            if (!award.duplicate()) {
                fresh++;
            }
        }
        pool.shutdown();
        assertEquals(1, fresh);
        assertEquals(1, queries.rows(member.id()));
        assertEquals(5, queries.sum(member.id()));
    }

    @Test
    void concurrentDifferentAwardsStopAtTheDailyCap() throws Exception {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PointsAward>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int article = i;
            results.add(pool.submit(() -> {
                start.await();
                return points.award(member.id(), PointsAction.READING, "article:" + article, 5);
            }));
        }
        start.countDown();
        int capped = 0;
        for (Future<PointsAward> result : results) {
            if (result.get().capped()) {
                capped++;
            }
        }
        pool.shutdown();
        assertEquals(12, queries.sum(member.id()), "READING is capped at 12 a day");
        assertEquals(8, queries.rows(member.id()), "every award is recorded, capped ones with what fitted");
        assertTrue(capped >= 6);
    }

    @Test
    void retryAfterCapStillReturnsTheOriginal() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        PointsAward first = points.award(member.id(), PointsAction.READING, "article:1", 10);
        PointsAward second = points.award(member.id(), PointsAction.READING, "article:2", 10);
        assertFalse(first.capped());
        assertEquals(2, second.points());
        assertTrue(second.capped());
        PointsAward retry = points.award(member.id(), PointsAction.READING, "article:2", 10);
        assertTrue(retry.duplicate());
        assertEquals(2, retry.points());
        assertEquals(12, queries.sum(member.id()));
    }

    @Test
    void concurrentRepeatsInsideCallersTransactionsDoNotFailTheCaller() throws Exception {
        // As reading's finish does: the caller's transaction has read already (its snapshot predates the other
        // award's commit) when it awards the same reference.
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PointsAward>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return queries.readThenAward(points, member.id(), "article:7:today");
            }));
        }
        start.countDown();
        int fresh = 0;
        for (Future<PointsAward> result : results) {
            if (!result.get().duplicate()) {
                fresh++;
            }
        }
        pool.shutdown();
        assertEquals(1, fresh);
        assertEquals(1, queries.rows(member.id()));
        assertEquals(2, queries.sum(member.id()));
    }

    /** Direct reads of the ledger for assertions. */
    @jakarta.inject.Singleton
    static class LedgerQueries {
        private final JdbcOperations jdbc;

        LedgerQueries(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional(readOnly = true)
        long rows(long memberId) {
            return single("SELECT COUNT(*) FROM points_entry WHERE member_id = ?", memberId);
        }

        @Transactional(readOnly = true)
        long sum(long memberId) {
            return single("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = ?", memberId);
        }

        /** A caller's transaction that reads first, then awards (its snapshot is taken before the award). */
        @Transactional
        PointsAward readThenAward(PointsService points, long memberId, String reference) {
            single("SELECT COUNT(*) FROM points_entry WHERE member_id = ?", memberId);
            return points.award(memberId, PointsAction.READING, reference, 2);
        }

        private long single(String sql, long memberId) {
            return jdbc.prepareStatement(sql, ps -> {
                ps.setLong(1, memberId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }
}
