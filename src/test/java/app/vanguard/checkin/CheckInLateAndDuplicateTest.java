package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsLedger;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Late after the grace; a second check-in returns the first record; points once per meeting. */
@MicronautTest(transactional = false)
class CheckInLateAndDuplicateTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PointsLedger ledger;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private final Instant start = TestDates.at(0, 19, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(start.minus(Duration.ofMinutes(10)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void presentWithinTheGraceLateAfterIt() {
        String onTime = fixtures.token(fixtures.member(branch));
        String late = fixtures.token(fixtures.member(branch));
        long id = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
        clock.set(start.plus(Duration.ofMinutes(10)));
        assertEquals("PRESENT", meetings.checkIn(id, onTime, meetings.code(id, secretary)).json().get("status").asText());
        clock.set(start.plus(Duration.ofMinutes(10)).plusSeconds(1));
        var r = meetings.checkIn(id, late, meetings.code(id, secretary));
        assertEquals("LATE", r.json().get("status").asText(), r::toString);
        var mine = api().get("/meetings/" + id, late).json();
        assertEquals("LATE", mine.get("me").get("status").asText());
    }

    @Test
    void checkingInTwiceReturnsTheFirstRecordAndPointsOnce() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        long id = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
        var first = meetings.checkIn(id, token, meetings.code(id, secretary));
        assertEquals(201, first.status());
        clock.advance(Duration.ofMinutes(20)); // now it would be late, and the old code is long gone
        var second = meetings.checkIn(id, token, "000000");
        assertEquals(200, second.status(), second::toString);
        assertEquals(first.json(), second.json());
        assertEquals(1, api().get("/meetings/" + id + "/attendance", secretary).json().get("counts").get("present").asInt());
        var award = ledger.find(member.id(), PointsAction.CHECK_IN, "meeting:" + id).orElseThrow();
        assertEquals(5, award.award().points());
    }

    @Test
    void concurrentCheckInsMakeOneRecord() throws Exception {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        long id = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
        String code = meetings.code(id, secretary);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return meetings.checkIn(id, token, code);
            }));
        }
        go.countDown();
        int created = 0, repeated = 0;
        for (Future<Api.Response> f : results) {
            int status = f.get().status();
            if (status == 201) {
                created++;
            } else if (status == 200) {
                repeated++;
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(threads - 1, repeated);
        var list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals(2, list.get("counts").get("expected").asInt(), "the member and the secretary");
        assertEquals(1, list.get("counts").get("notCheckedIn").asInt());
        assertEquals(1, list.get("counts").get("present").asInt());
    }
}
