package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing while members check in: each member ends with exactly one outcome, matching what they were told. */
@MicronautTest(transactional = false)
class CloseDuringCheckInTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everyCheckInIsEitherCountedOrRefused() throws Exception {
        Meetings meetings = new Meetings(api(), server.getURI());
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        List<Member> members = new ArrayList<>();
        Map<Long, String> tokens = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            Member m = fixtures.member(branch);
            members.add(m);
            tokens.put(m.id(), fixtures.token(m));
        }
        Instant start = TestDates.at(0, 19, 0);
        clock.set(start.plus(Duration.ofMinutes(1)));
        long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start);
        String code = meetings.code(id, secretary);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        Map<Long, Future<Api.Response>> checkIns = new HashMap<>();
        for (Member m : members) {
            checkIns.put(m.id(), pool.submit(() -> {
                go.await();
                return meetings.checkIn(id, tokens.get(m.id()), code);
            }));
        }
        Future<Api.Response> close = pool.submit(() -> {
            go.await();
            Thread.sleep(20);
            return meetings.close(id, secretary);
        });
        go.countDown();
        assertEquals(200, close.get().status(), () -> close.toString());
        pool.shutdown();

        Map<Long, String> outcome = new HashMap<>();
        JsonNode list = api().get("/meetings/" + id + "/attendance", secretary).json();
        list.get("items").forEach(i -> outcome.put(i.get("memberId").asLong(), i.get("status").asText()));
        assertEquals(25, outcome.size());
        assertEquals(0, list.get("counts").get("notCheckedIn").asInt());
        for (Member m : members) {
            Api.Response r = checkIns.get(m.id()).get();
            if (r.status() == 201) {
                assertEquals("PRESENT", outcome.get(m.id()), r::toString);
            } else {
                assertEquals(409, r.status(), r::toString);
                assertTrue(r.code().equals("MEETING_CLOSED"), r::toString);
                assertEquals("ABSENT", outcome.get(m.id()));
            }
        }
    }
}
