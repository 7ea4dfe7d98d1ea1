package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Who is expected by default; changes and cancellation are what attendees see; members' upcoming and past. */
@MicronautTest(transactional = false)
class MeetingScheduleTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private final Instant now = TestDates.at(0, 10, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(now);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void defaultAttendeesFollowTheMeetingType() {
        fixtures.member(branch);
        fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch);
        Instant start = now.plus(Duration.ofDays(2));
        assertEquals(3, meetings.schedule(branch.id(), secretary, Meetings.request("BRANCH_GENERAL_MEETING", start))
                .get("expectedCount").asInt());
        assertEquals(2, meetings.schedule(branch.id(), secretary, Meetings.request("BRANCH_COMMITTEE_MEETING", start))
                .get("expectedCount").asInt(), "the secretary and the committee member");
        Organisation group = fixtures.group(branch);
        Map<String, Object> groupMeeting = Meetings.request("GROUP_MEETING", start);
        var noGroup = api().post("/branches/" + branch.id() + "/meetings", secretary, groupMeeting);
        assertEquals("VALIDATION_FAILED", noGroup.code());
        groupMeeting.put("groupId", group.id());
        var empty = api().post("/branches/" + branch.id() + "/meetings", secretary, groupMeeting);
        assertEquals(422, empty.status());
        assertEquals("NO_ATTENDEES", empty.code());
        Organisation otherGroup = fixtures.group(fixtures.branch(fixtures.committee()));
        groupMeeting.put("groupId", otherGroup.id());
        assertEquals("VALIDATION_FAILED", api().post("/branches/" + branch.id() + "/meetings", secretary, groupMeeting)
                .code());
        Map<String, Object> bad = Meetings.request("PARTY_LESSON", start);
        bad.put("endsAt", start.toString());
        assertEquals("VALIDATION_FAILED", api().post("/branches/" + branch.id() + "/meetings", secretary, bad).code());
    }

    @Test
    void attendeesSeeChangesAndCancellation() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        Instant start = now.plus(Duration.ofDays(3));
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        Map<String, Object> changed = Meetings.request("PARTY_LESSON", start.plus(Duration.ofHours(1)));
        changed.put("topic", "学习系列讲话");
        changed.put("geofence", Map.of("latitude", 22.5, "longitude", 114.0, "radiusM", 300));
        var updated = api().put("/meetings/" + id, secretary, changed);
        assertEquals(200, updated.status(), updated::toString);
        JsonNode seen = api().get("/meetings/" + id, token).json();
        assertEquals("学习系列讲话", seen.get("topic").asText());
        // The attendee learns that the location is required, never the fence; the secretary sees it (REFUSE by default).
        assertEquals(true, seen.get("locationRequired").asBoolean());
        assertEquals(null, seen.get("geofence"));
        assertEquals("REFUSE", updated.json().get("geofence").get("policy").asText());
        assertEquals("NOT_CHECKED_IN", seen.get("me").get("status").asText());
        Map<String, Object> retyped = Meetings.request("THEMED_PARTY_DAY", start);
        assertEquals("VALIDATION_FAILED", api().put("/meetings/" + id, secretary, retyped).code());

        assertEquals("CANCELLED", api().post("/meetings/" + id + "/cancel", secretary, null).json().get("status").asText());
        assertEquals("CANCELLED", api().get("/meetings/" + id, token).json().get("status").asText());
        var retried = api().post("/meetings/" + id + "/cancel", secretary, null);
        assertEquals(200, retried.status(), "a retried cancel answers as the first did: " + retried);
        assertEquals("CANCELLED", retried.json().get("status").asText());
        assertEquals("MEETING_CANCELLED", api().put("/meetings/" + id, secretary, changed).code());
    }

    @Test
    void membersSeeUpcomingAndPastMeetingsWithTheirAttendance() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        Instant past = now.minus(Duration.ofDays(7));
        clock.set(past);
        long held = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", past);
        meetings.checkIn(held, token, meetings.code(held, secretary));
        meetings.close(held, secretary);
        clock.set(now);
        long soon = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", now.plus(Duration.ofDays(1)));
        long later = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", now.plus(Duration.ofDays(9)));
        fixtures.member(branch); // joins after: not expected at these

        JsonNode upcomingPage = api().get("/me/meetings", token).json();
        assertEquals(2, upcomingPage.get("total").asLong());
        List<Long> upcoming = ids(upcomingPage.get("items"));
        JsonNode secondUpcoming = api().get("/me/meetings?page=1&size=1", token).json();
        assertEquals(List.of(later), ids(secondUpcoming.get("items")));
        assertEquals(2, secondUpcoming.get("total").asLong());
        assertEquals(List.of(soon, later), upcoming);
        JsonNode pastPage = api().get("/me/meetings?when=past", token).json();
        assertEquals(1, pastPage.get("total").asLong());
        JsonNode pastList = pastPage.get("items");
        assertEquals(List.of(held), ids(pastList));
        assertEquals("PRESENT", pastList.get(0).get("me").get("status").asText());
        assertEquals("VALIDATION_FAILED", api().get("/me/meetings?when=soon", token).code());
        assertFalse(ids(api().get("/branches/" + branch.id() + "/meetings", secretary).json()).isEmpty());
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(m -> out.add(m.get("id").asLong()));
        return out;
    }
}
