package app.vanguard.checkin;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 4: history cannot be back-filled. A start more than 24 h past is refused unless the meeting is
 * recorded afterwards, with minutes, and labelled so; a meeting closed with nobody present and no minutes is not held.
 */
@MicronautTest(transactional = false)
class MeetingHistoryRulesTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private final Instant now = TestDates.at(0, 10, 0);
    private Meetings meetings;
    private Organisation branch;
    private Member secretaryMember;
    private String secretary;
    private Member member;
    private String memberToken;
    private String admin;

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        Organisation committee = fixtures.committee();
        branch = fixtures.branch(committee);
        secretaryMember = fixtures.secretary(branch);
        secretary = fixtures.token(secretaryMember);
        member = fixtures.member(branch);
        memberToken = fixtures.token(member);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        clock.set(now);
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private Map<String, Object> afterwards(Instant startsAt, List<Long> present) {
        Map<String, Object> body = new HashMap<>(Meetings.request("THEMED_PARTY_DAY", startsAt));
        body.put("recordedAfterwards", true);
        body.put("minutes", Map.of("content", "学习了党章第一章", "speakers", List.of("张书记")));
        body.put("presentIds", present);
        return body;
    }

    @Test
    void aStartMoreThan24HoursPastIsRefusedUnlessRecordedAfterwards() {
        String path = "/branches/" + branch.id() + "/meetings";
        Api.Response old = api().post(path, secretary, Meetings.request("PARTY_LESSON", now.minus(Duration.ofDays(30))));
        assertEquals(422, old.status(), old::toString);
        assertEquals("MEETING_IN_PAST", old.code());
        assertEquals(201, api().post(path, secretary, Meetings.request("PARTY_LESSON", now.minus(Duration.ofHours(23))))
                .status(), "within the limit: the secretary enters it a little late");

        // Moving a meeting into the far past is refused the same way.
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", now.plus(Duration.ofDays(2)));
        assertEquals("MEETING_IN_PAST", api().put("/meetings/" + id, secretary,
                Meetings.request("PARTY_LESSON", now.minus(Duration.ofDays(3)))).code());

        // Recorded afterwards: needs minutes, must be over, never marks the caller.
        Instant held = now.minus(Duration.ofDays(40));
        Map<String, Object> noMinutes = afterwards(held, List.of(member.id()));
        noMinutes.remove("minutes");
        assertEquals("VALIDATION_FAILED", api().post(path, secretary, noMinutes).code());
        assertEquals("VALIDATION_FAILED", api().post(path, secretary,
                afterwards(now.minus(Duration.ofMinutes(30)), List.of(member.id()))).code(), "not over yet");
        Api.Response self = api().post(path, secretary, afterwards(held, List.of(secretaryMember.id(), member.id())));
        assertEquals(403, self.status(), self::toString);
        assertEquals("SELF_MARKING", self.code());
        Map<String, Object> minutesOnly = new HashMap<>(Meetings.request("PARTY_LESSON", now.plus(Duration.ofDays(1))));
        minutesOnly.put("minutes", Map.of("content", "x"));
        assertEquals("VALIDATION_FAILED", api().post(path, secretary, minutesOnly).code());
        assertEquals(0, api().get(path + "?from=" + TestDates.dateOf(held) + "&to=" + TestDates.dateOf(held), secretary)
                .json().size(), "nothing half-written");
    }

    @Test
    void aMeetingRecordedAfterwardsIsClosedHeldAndLabelledEverywhere() {
        Instant held = TestDates.at(-3, 19, 0);
        String path = "/branches/" + branch.id() + "/meetings";
        Api.Response r = api().post(path, secretary, afterwards(held, List.of(member.id())));
        assertEquals(201, r.status(), r::toString);
        JsonNode meeting = r.json();
        long id = meeting.get("id").asLong();
        assertEquals("CLOSED", meeting.get("status").asText());
        assertTrue(meeting.get("recordedAfterwards").asBoolean());

        JsonNode attendance = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertTrue(attendance.get("recordedAfterwards").asBoolean());
        Map<Long, JsonNode> byMember = new HashMap<>();
        attendance.get("items").forEach(i -> byMember.put(i.get("memberId").asLong(), i));
        assertEquals("PRESENT", byMember.get(member.id()).get("status").asText());
        assertEquals("RECORDED", byMember.get(member.id()).get("method").asText());
        assertEquals(secretaryMember.id(), byMember.get(member.id()).get("markedBy").asLong(), "who");
        assertFalse(byMember.get(member.id()).get("reason").asText().isBlank(), "why");
        assertEquals("ABSENT", byMember.get(secretaryMember.id()).get("status").asText());
        assertEquals("学习了党章第一章", api().get("/meetings/" + id + "/minutes", memberToken).json().get("content").asText());

        // Its attendance was given when it was recorded: not marked by hand afterwards.
        assertEquals("MEETING_RECORDED_AFTERWARDS", api().post("/meetings/" + id + "/attendance/"
                + secretaryMember.id() + "/mark-present", admin, Map.of("reason", "补录")).code());

        JsonNode book = api().get("/branches/" + branch.id() + "/record-book?year=" + TestDates.dateOf(held).getYear(),
                secretary).json();
        JsonNode entry = null;
        for (JsonNode e : book.get("entries")) {
            if (e.get("meeting").get("id").asLong() == id) {
                entry = e;
            }
        }
        assertTrue(entry.get("recordedAfterwards").asBoolean());
        assertTrue(entry.get("meeting").get("recordedAfterwards").asBoolean());
        assertTrue(entry.get("held").asBoolean(), "its minutes make it held");

        String month = TestDates.dateOf(held).toString().substring(0, 7);
        JsonNode report = api().get("/orgs/" + branch.id() + "/compliance?period=" + month, secretary).json()
                .get("items").get(0);
        assertEquals(1, report.get("meetingsHeld").asInt());
        assertEquals(1, report.get("recordedAfterwards").asInt());
    }

    @Test
    void aMeetingClosedWithNobodyPresentIsNotHeldUntilItsMinutesAreRecorded() {
        Instant start = TestDates.at(0, 19, 0);
        long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start);
        clock.set(start.plus(Duration.ofMinutes(90)));
        assertEquals(200, meetings.close(id, secretary).status());
        String month = TestDates.month().toString();
        JsonNode report = api().get("/orgs/" + branch.id() + "/compliance?period=" + month, secretary).json()
                .get("items").get(0);
        assertEquals(0, report.get("meetingsHeld").asInt(), "closed with nobody present: not held");
        assertFalse(bookEntry(id).get("held").asBoolean());

        assertEquals(200, api().put("/meetings/" + id + "/minutes", secretary,
                Map.of("content", "因故线下未签到，会议记录如下")).status());
        report = api().get("/orgs/" + branch.id() + "/compliance?period=" + month, secretary).json().get("items").get(0);
        assertEquals(1, report.get("meetingsHeld").asInt(), "held with its minutes");
        assertEquals(0, report.get("recordedAfterwards").asInt());
        assertTrue(bookEntry(id).get("held").asBoolean());
    }

    @Test
    void aMeetingAttendedByCodeIsHeld() {
        Instant start = TestDates.at(0, 19, 0);
        long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start);
        clock.set(start.minus(Duration.ofMinutes(5)));
        assertEquals(201, meetings.checkIn(id, memberToken, meetings.code(id, secretary)).status());
        clock.set(start.plus(Duration.ofMinutes(90)));
        assertEquals(200, meetings.close(id, secretary).status());
        assertTrue(bookEntry(id).get("held").asBoolean());
        JsonNode report = api().get("/orgs/" + branch.id() + "/compliance?period=" + TestDates.month(), secretary)
                .json().get("items").get(0);
        assertEquals(1, report.get("meetingsHeld").asInt());
    }

    private JsonNode bookEntry(long meetingId) {
        JsonNode book = api().get("/branches/" + branch.id() + "/record-book?year=" + TestDates.year(), secretary).json();
        for (JsonNode e : book.get("entries")) {
            if (e.get("meeting").get("id").asLong() == meetingId) {
                return e;
            }
        }
        throw new AssertionError("meeting " + meetingId + " not in the record book");
    }
}
