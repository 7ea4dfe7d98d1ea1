package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Leave until the cut-off; closing waits for decisions, then approved leave is ON_LEAVE and the rest ABSENT. */
@MicronautTest(transactional = false)
class LeaveAndCloseTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private final Instant start = TestDates.at(0, 19, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(start.minus(Duration.ofDays(1)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, String> outcomes(JsonNode list) {
        Map<String, String> out = new HashMap<>();
        list.get("items").forEach(i -> out.put(i.get("memberId").asText(), i.get("status").asText()));
        return out;
    }

    @Test
    void leaveApprovalDecidesBetweenOnLeaveAndAbsent() {
        Member approved = fixtures.member(branch);
        Member rejected = fixtures.member(branch);
        Member silent = fixtures.member(branch);
        Member present = fixtures.member(branch);
        long id = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);

        var a = api().post("/meetings/" + id + "/leave", fixtures.token(approved), Map.of("reason", "外出进货"));
        assertEquals(201, a.status(), a::toString);
        assertEquals("PENDING", a.json().get("status").asText());
        var r = api().post("/meetings/" + id + "/leave", fixtures.token(rejected), Map.of("reason", "不想来"));
        var again = api().post("/meetings/" + id + "/leave", fixtures.token(rejected), Map.of("reason", "again"));
        assertEquals(409, again.status());
        assertEquals("LEAVE_ALREADY_REQUESTED", again.code());

        clock.set(start.minus(Duration.ofHours(2)));
        var late = api().post("/meetings/" + id + "/leave", fixtures.token(silent), Map.of("reason", "临时有事"));
        assertEquals(409, late.status());
        assertEquals("LEAVE_CUTOFF_PASSED", late.code());

        clock.set(start.plus(Duration.ofMinutes(5)));
        assertEquals(201, meetings.checkIn(id, fixtures.token(present), meetings.code(id, secretary)).status());
        assertEquals(2, api().get("/meetings/" + id + "/leave", secretary).json().size());
        clock.set(start.minus(Duration.ofDays(1)));
        assertEquals("ALREADY_CHECKED_IN", api().post("/meetings/" + id + "/leave", fixtures.token(present),
                Map.of("reason", "走错了")).code());
        clock.set(start.plus(Duration.ofMinutes(5)));

        var refused = meetings.close(id, secretary);
        assertEquals(409, refused.status());
        assertEquals("LEAVE_PENDING", refused.code());

        long approvedId = a.json().get("id").asLong();
        var ok = api().post("/meetings/" + id + "/leave/" + approvedId + "/approve", secretary, null);
        assertEquals("APPROVED", ok.json().get("status").asText());
        var okAgain = api().post("/meetings/" + id + "/leave/" + approvedId + "/approve", secretary, null);
        assertEquals(200, okAgain.status(), "a retried approval answers as the first did: " + okAgain);
        assertEquals(ok.json().toString(), okAgain.json().toString());
        assertEquals(409, api().post("/meetings/" + id + "/leave/" + approvedId + "/reject", secretary, null).status());
        api().post("/meetings/" + id + "/leave/" + r.json().get("id").asLong() + "/reject", secretary, null);

        var live = outcomes(api().get("/meetings/" + id + "/attendance", secretary).json());
        assertEquals("ON_LEAVE", live.get(approved.id().toString()));
        assertEquals("NOT_CHECKED_IN", live.get(silent.id().toString()));

        var closed = meetings.close(id, secretary);
        assertEquals(200, closed.status(), closed::toString);
        Map<String, String> outcome = outcomes(closed.json());
        assertEquals("ON_LEAVE", outcome.get(approved.id().toString()));
        assertEquals("ABSENT", outcome.get(rejected.id().toString()));
        assertEquals("ABSENT", outcome.get(silent.id().toString()));
        assertEquals("PRESENT", outcome.get(present.id().toString()));
        assertEquals(0, closed.json().get("counts").get("notCheckedIn").asInt());

        assertEquals("MEETING_CLOSED", meetings.checkIn(id, fixtures.token(silent), "123456").code());
        var closedAgain = meetings.close(id, secretary);
        assertEquals(200, closedAgain.status(), "a retried close answers as the first did: " + closedAgain);
        assertEquals(closed.json().get("counts").toString(), closedAgain.json().get("counts").toString());

        var history = api().get("/me/attendance?from=" + TestDates.year() + "-01-01&to=" + TestDates.year() + "-12-31", fixtures.token(present)).json();
        assertEquals(1, history.get("meetings").asInt());
        assertEquals(1.0, history.get("attendanceRate").asDouble());
        var leaveHistory = api().get("/me/attendance?from=" + TestDates.year() + "-01-01&to=" + TestDates.year() + "-12-31", fixtures.token(approved)).json();
        assertEquals(1, leaveHistory.get("onLeave").asInt());
        assertEquals(null, leaveHistory.get("attendanceRate"), "nothing counts when on leave");
    }

    @Test
    void aMeetingCannotBeClosedBeforeItStarts() {
        fixtures.member(branch);
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        assertEquals("MEETING_NOT_STARTED", meetings.close(id, secretary).code());
    }

    @Test
    void ratesShowWhoMissedSeveralInARow() {
        Member regular = fixtures.member(branch);
        Member missing = fixtures.member(branch);
        for (int i = 0; i < 4; i++) {
            Instant s = start.plus(Duration.ofDays(7L * i));
            clock.set(s);
            long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", s);
            meetings.checkIn(id, fixtures.token(regular), meetings.code(id, secretary));
            if (i == 0) {
                meetings.checkIn(id, fixtures.token(missing), meetings.code(id, secretary));
            }
            assertEquals(200, meetings.close(id, secretary).status());
        }
        var rates = api().get("/branches/" + branch.id() + "/attendance?from=" + TestDates.today() + "&to=" + TestDates.day(27), secretary).json();
        assertEquals(4, rates.get("meetings").asInt());
        Map<Long, JsonNode> byMember = new HashMap<>();
        rates.get("members").forEach(m -> byMember.put(m.get("memberId").asLong(), m));
        assertEquals(1.0, byMember.get(regular.id()).get("attendanceRate").asDouble());
        assertEquals(0, byMember.get(regular.id()).get("missedInRow").asInt());
        assertEquals(0.25, byMember.get(missing.id()).get("attendanceRate").asDouble());
        assertEquals(3, byMember.get(missing.id()).get("missedInRow").asInt());

        var flagged = api().get("/branches/" + branch.id() + "/attendance?from=" + TestDates.today() + "&to=" + TestDates.day(27)
                + "&missedInRowAtLeast=3", secretary).json().get("members");
        // the secretary never checked in either
        assertEquals(2, flagged.size());
    }
}
