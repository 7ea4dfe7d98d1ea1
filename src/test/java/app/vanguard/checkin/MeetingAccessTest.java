package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every study-session endpoint, called by those of another branch or subtree (refused), by a plain member of the
 * branch (only their own meeting's view, check-in and leave), and by those who may.
 */
@MicronautTest(transactional = false)
class MeetingAccessTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation committee;
    private Organisation branch;
    private Member member;
    private String secretary;
    private long meetingId;
    private long leaveId;
    private final Instant start = TestDates.at(0, 19, 0);
    private final int year = TestDates.year();

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        committee = fixtures.committee();
        branch = fixtures.branch(committee);
        secretary = fixtures.token(fixtures.secretary(branch));
        member = fixtures.member(branch);
        Member asker = fixtures.member(branch);
        clock.set(start.minus(Duration.ofDays(1)));
        meetingId = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
        leaveId = api().post("/meetings/" + meetingId + "/leave", fixtures.token(asker), Map.of("reason", "出差"))
                .json().get("id").asLong();
        clock.set(start.plusSeconds(60));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Reads open to whoever may view the branch. */
    private Map<String, Function<String, Api.Response>> branchReads() {
        String b = "/branches/" + branch.id();
        String m = "/meetings/" + meetingId;
        Map<String, Function<String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("list meetings", t -> api().get(b + "/meetings", t));
        calls.put("rates", t -> api().get(b + "/attendance", t));
        calls.put("rates export", t -> api().get(b + "/attendance/export?format=xlsx", t));
        calls.put("record book", t -> api().get(b + "/record-book?year=" + year, t));
        calls.put("record book export", t -> api().get(b + "/record-book/export?year=" + year, t));
        calls.put("plan", t -> api().get(b + "/meeting-plans/" + year, t));
        calls.put("compliance", t -> api().get("/orgs/" + branch.id() + "/compliance?period=" + TestDates.quarterOf(TestDates.dateOf(start)), t));
        calls.put("attendance", t -> api().get(m + "/attendance", t));
        calls.put("attendance export", t -> api().get(m + "/attendance/export?format=csv", t));
        calls.put("leave list", t -> api().get(m + "/leave", t));
        return calls;
    }

    /** Changes and the code: whoever may manage the branch. */
    private Map<String, Function<String, Api.Response>> manages() {
        String m = "/meetings/" + meetingId;
        Map<String, Function<String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("schedule", t -> api().post("/branches/" + branch.id() + "/meetings", t,
                Meetings.request("PARTY_LESSON", start.plus(Duration.ofDays(3)))));
        calls.put("update", t -> api().put(m, t, Meetings.request("BRANCH_GENERAL_MEETING", start)));
        calls.put("code", t -> api().get(m + "/code", t));
        calls.put("qr", t -> api().get(m + "/code/qr", t));
        calls.put("mark present", t -> api().post(m + "/attendance/" + member.id() + "/mark-present", t,
                Map.of("reason", "无手机")));
        calls.put("approve", t -> api().post(m + "/leave/" + leaveId + "/approve", t, null));
        calls.put("plan put", t -> api().put("/branches/" + branch.id() + "/meeting-plans/" + year, t,
                Map.of("items", List.of(Map.of("month", TestDates.today().getMonthValue(), "type", "PARTY_LESSON")))));
        calls.put("close", t -> meetings.close(meetingId, t));
        calls.put("minutes put", t -> api().put(m + "/minutes", t, Map.of("content", "学习党章第一章")));
        calls.put("reject", t -> api().post(m + "/leave/" + leaveId + "/reject", t, null));
        calls.put("cancel", t -> api().post(m + "/cancel", t, null));
        return calls;
    }

    /** The meeting itself, check-in and leave: an expected member (and viewers for the reads). */
    private Map<String, Function<String, Api.Response>> attendeeCalls() {
        String m = "/meetings/" + meetingId;
        Map<String, Function<String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("get meeting", t -> api().get(m, t));
        calls.put("check in", t -> meetings.checkIn(meetingId, t, "123456"));
        calls.put("ask leave", t -> api().post(m + "/leave", t, Map.of("reason", "出差")));
        calls.put("minutes", t -> api().get(m + "/minutes", t));
        return calls;
    }

    private static void expect(int status, Map<String, Function<String, Api.Response>> calls, String token, String who) {
        calls.forEach((name, call) -> {
            Api.Response r = call.apply(token);
            assertEquals(status, r.status(), who + " → " + name + ": " + r);
            if (status == 403) {
                assertEquals("FORBIDDEN", r.code());
            }
        });
    }

    private void refusedEverything(String token, String who) {
        expect(403, branchReads(), token, who);
        expect(403, manages(), token, who);
        expect(403, attendeeCalls(), token, who);
    }

    @Test
    void memberOfAnotherBranchIsRefusedEverything() {
        refusedEverything(fixtures.token(fixtures.member(fixtures.branch(committee))), "other member");
    }

    @Test
    void secretaryOfAnotherBranchIsRefusedEverything() {
        refusedEverything(fixtures.token(fixtures.secretary(fixtures.branch(committee))), "other secretary");
    }

    @Test
    void adminOfAnotherSubtreeIsRefusedEverything() {
        String token = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        refusedEverything(token, "other admin");
        assertEquals(403, api().get("/orgs/" + committee.id() + "/compliance?period=" + year, token).status());
    }

    @Test
    void plainMemberSeesOnlyTheirMeeting() {
        String token = fixtures.token(member);
        expect(403, branchReads(), token, "member");
        expect(403, manages(), token, "member");
        assertEquals(200, api().get("/meetings/" + meetingId, token).status());
        assertEquals("WRONG_CODE", meetings.checkIn(meetingId, token, "123456").code());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/compliance", token).status());
    }

    @Test
    void committeeMemberMayReadButNotRun() {
        String token = fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch));
        expect(200, branchReads(), token, "committee member");
        expect(403, manages(), token, "committee member");
    }

    @Test
    void adminAboveMayReadAndRun() {
        String token = fixtures.token(fixtures.orgAdmin(committee));
        expect(200, branchReads(), token, "admin above");
        assertEquals(200, api().get("/orgs/" + committee.id() + "/compliance?period=" + TestDates.month(), token).status());
        assertEquals(200, api().get("/meetings/" + meetingId + "/code", token).status());
    }

    @Test
    void secretaryMayDoEverything() {
        expect(200, branchReads(), secretary, "secretary");
        Map<String, Function<String, Api.Response>> m = manages();
        assertEquals(201, m.get("schedule").apply(secretary).status());
        assertEquals(200, m.get("update").apply(secretary).status());
        assertEquals(200, m.get("code").apply(secretary).status());
        assertEquals(200, m.get("qr").apply(secretary).status());
        assertEquals(201, m.get("mark present").apply(secretary).status());
        assertEquals(200, m.get("approve").apply(secretary).status());
        assertEquals(200, m.get("plan put").apply(secretary).status());
        assertEquals(200, m.get("close").apply(secretary).status());
        assertEquals(200, m.get("minutes put").apply(secretary).status());
        assertEquals(200, api().get("/meetings/" + meetingId + "/minutes", secretary).status());
        assertEquals(200, api().get("/meetings/" + meetingId + "/minutes", fixtures.token(member)).status());
    }

    @Test
    void unknownMeetingIsNotFound() {
        var r = api().get("/meetings/999999999", secretary);
        assertEquals(404, r.status());
        assertEquals("NOT_FOUND", r.code());
    }
}
