package app.vanguard.checkin;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsLedger;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
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

/**
 * A meeting's opening minutes: many members of two meetings check in at once (group commit puts them in shared
 * transactions), one of them tapping three times. Each is answered 201 once with their own record (repeats 200 with
 * the same), has one attendance row and one points entry, and the branch's day board equals the ledger.
 */
@MicronautTest(transactional = false)
class CheckInBurstTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PointsLedger ledger;

    private final Instant start = TestDates.at(0, 19, 0);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void manyMembersAtOnceEachOnceWithTheirPoints() throws Exception {
        Meetings meetings = new Meetings(api(), server.getURI());
        Organisation committee = fixtures.committee();
        Organisation first = fixtures.branch(committee);
        Organisation second = fixtures.branch(committee);
        String secretaryOne = fixtures.token(fixtures.secretary(first));
        String secretaryTwo = fixtures.token(fixtures.secretary(second));
        List<Member> members = new ArrayList<>();
        Map<Long, Long> meetingOf = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            members.add(fixtures.member(i % 2 == 0 ? first : second));
        }
        clock.set(start.minus(Duration.ofMinutes(10)));
        long meetingOne = meetings.schedule(first.id(), secretaryOne, "BRANCH_GENERAL_MEETING", start);
        long meetingTwo = meetings.schedule(second.id(), secretaryTwo, "BRANCH_GENERAL_MEETING", start);
        Map<Long, String> codes = Map.of(meetingOne, meetings.code(meetingOne, secretaryOne),
                meetingTwo, meetings.code(meetingTwo, secretaryTwo));
        List<Object[]> calls = new ArrayList<>(); // member, meeting, token
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            long meeting = i % 2 == 0 ? meetingOne : meetingTwo;
            meetingOf.put(m.id(), meeting);
            String token = fixtures.token(m);
            calls.add(new Object[] {m, meeting, token});
            if (i == 0) { // a triple tap
                calls.add(new Object[] {m, meeting, token});
                calls.add(new Object[] {m, meeting, token});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (Object[] call : calls) {
            answers.add(pool.submit(() -> {
                go.await();
                return meetings.checkIn((Long) call[1], (String) call[2], codes.get((Long) call[1]));
            }));
        }
        go.countDown();
        Map<Long, Integer> created = new HashMap<>();
        Map<Long, JsonNode> records = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            Member m = (Member) calls.get(i)[0];
            Api.Response r = answers.get(i).get();
            if (r.status() == 201) {
                created.merge(m.id(), 1, Integer::sum);
            } else {
                assertEquals(200, r.status(), r::toString);
            }
            assertEquals(m.id(), r.json().get("memberId").asLong(), "each is answered with their own record");
            assertEquals(meetingOf.get(m.id()), r.json().get("meetingId").asLong());
            assertEquals("PRESENT", r.json().get("status").asText());
            JsonNode before = records.putIfAbsent(m.id(), r.json());
            if (before != null) {
                assertEquals(before, r.json(), "a repeat answers with the first record");
            }
        }
        pool.shutdown();
        for (Member m : members) {
            assertEquals(1, created.getOrDefault(m.id(), 0), "one 201 for member " + m.id());
            var award = ledger.find(m.id(), PointsAction.CHECK_IN, "meeting:" + meetingOf.get(m.id())).orElseThrow();
            assertEquals(5, award.award().points());
        }
        assertEquals(12, api().get("/meetings/" + meetingOne + "/attendance", secretaryOne).json().get("counts")
                .get("present").asInt());
        assertEquals(12, api().get("/meetings/" + meetingTwo + "/attendance", secretaryTwo).json().get("counts")
                .get("present").asInt());
        // The day board of the committee shows every one of them with the 5 points the ledger holds.
        String reader = fixtures.token(members.get(0));
        JsonNode board = api().get("/leaderboards/" + committee.id() + "?period=DAY&top=50", reader).json();
        int onBoard = 0;
        for (JsonNode item : board.path("items")) {
            if (meetingOf.containsKey(item.get("memberId").asLong())) {
                assertEquals(5, item.get("points").asLong(), item::toString);
                onBoard++;
            }
        }
        assertEquals(members.size(), onBoard, board::toString);
    }
}
