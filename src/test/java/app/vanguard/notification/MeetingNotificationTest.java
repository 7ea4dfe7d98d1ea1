package app.vanguard.notification;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What study sessions send, end to end against the stub: scheduled, changed, cancelled; reminders at the configured
 * offsets (never for a cancelled or moved meeting's old time); quiet hours; leave decided and waiting.
 */
@MicronautTest(transactional = false)
class MeetingNotificationTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;

    private Notices notices;
    private Organisation branch;
    private Member secretaryMember;
    private String secretary;
    private Member member;
    private String token;
    private String openid;

    @BeforeEach
    void setUp() {
        notices = new Notices(api());
        branch = fixtures.branch(fixtures.committee());
        secretaryMember = fixtures.secretary(branch);
        secretary = fixtures.token(secretaryMember);
        member = fixtures.member(branch);
        token = fixtures.token(member);
        openid = notices.bindWechat(member);
        clock.set(TestDates.at(0, 10, 0));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private void sendAll() {
        while (sender.sendDue() > 0) {
            // until nothing is due
        }
    }

    private List<String> templatesSent() {
        return NotifyStub.wechatTo(openid).stream().map(r -> r.body().get("template_id").asText()).toList();
    }

    @Test
    void changesAndCancellationReachTheExpectedAttendees() {
        Instant start = TestDates.at(3, 19, 30);
        long id = notices.schedule(branch.id(), secretary, start);
        clock.set(TestDates.at(0, 11, 0));
        Map<String, Object> moved = Notices.meeting("BRANCH_GENERAL_MEETING", TestDates.at(3, 20, 0));
        moved.put("place", "市场二楼会议室");
        assertEquals(200, api().put("/meetings/" + id, secretary, moved).status());
        clock.set(TestDates.at(0, 12, 0));
        assertEquals(200, api().post("/meetings/" + id + "/cancel", secretary, null).status());

        assertEquals(List.of("MEETING_CANCELLED", "MEETING_CHANGED", "MEETING_SCHEDULED"), notices.kinds(token));
        String changed = notices.inbox(token).get("items").get(1).get("body").asText();
        assertTrue(changed.contains("20:00") && changed.contains("市场二楼会议室"), changed);
        String outsider = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        assertEquals(0, notices.inbox(outsider).get("total").asLong());
        sendAll();
        assertEquals(List.of("tpl-MEETING_SCHEDULED", "tpl-MEETING_CHANGED", "tpl-MEETING_CANCELLED"), templatesSent());
    }

    @Test
    void remindersAt24HoursAnd30MinutesBeforeButNotForACancelledMeeting() {
        Instant start = TestDates.at(3, 19, 30);
        notices.schedule(branch.id(), secretary, start);
        long cancelled = notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 45));
        assertEquals(200, api().post("/meetings/" + cancelled + "/cancel", secretary, null).status());

        clock.set(start.minus(Duration.ofHours(24)).minusSeconds(1));
        sendAll();
        assertTrue(notices.kinds(token).stream().noneMatch("MEETING_REMINDER"::equals), "not before its time");

        clock.set(start.minus(Duration.ofHours(24)));
        sendAll();
        assertEquals("MEETING_REMINDER", notices.kinds(token).get(0));
        assertEquals(1, templatesSent().stream().filter("tpl-MEETING_REMINDER"::equals).count());

        clock.set(start.minus(Duration.ofMinutes(30)));
        sendAll();
        clock.set(start.plus(Duration.ofHours(1)));
        sendAll();
        assertEquals(2, notices.kinds(token).stream().filter("MEETING_REMINDER"::equals).count(),
                "24 h and 30 min, none for the cancelled meeting");
        assertEquals(2, templatesSent().stream().filter("tpl-MEETING_REMINDER"::equals).count());
    }

    @Test
    void aMovedMeetingIsRemindedAtItsNewTimeOnly() {
        Instant first = TestDates.at(3, 19, 30);
        long id = notices.schedule(branch.id(), secretary, first);
        Instant later = TestDates.at(5, 9, 0);
        assertEquals(200, api().put("/meetings/" + id, secretary, Notices.meeting("BRANCH_GENERAL_MEETING", later))
                .status());
        clock.set(first.minus(Duration.ofMinutes(10)));
        sendAll();
        assertTrue(notices.kinds(token).stream().noneMatch("MEETING_REMINDER"::equals), "old time: nothing");
        clock.set(later.minus(Duration.ofMinutes(30)));
        sendAll();
        assertEquals(2, notices.kinds(token).stream().filter("MEETING_REMINDER"::equals).count());
        assertEquals(2, templatesSent().stream().filter("tpl-MEETING_REMINDER"::equals).count());
    }

    @Test
    void nothingIsPushedInQuietHoursUnlessTheMeetingStartsWithinTheHour() {
        clock.set(TestDates.at(0, 23, 0));
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        sendAll();
        assertEquals(List.of("MEETING_SCHEDULED"), notices.kinds(token), "in the inbox at once");
        assertEquals(List.of(), templatesSent(), "but not pushed at 23:00");

        notices.schedule(branch.id(), secretary, TestDates.at(0, 23, 50));
        sendAll();
        assertEquals(List.of("tpl-MEETING_SCHEDULED"), templatesSent(), "a meeting within the hour is pushed");

        clock.set(TestDates.at(1, 6, 59));
        sendAll();
        assertEquals(1, templatesSent().stream().filter("tpl-MEETING_SCHEDULED"::equals).count(), "still quiet");
        clock.set(TestDates.at(1, 7, 0));
        sendAll();
        assertEquals(2, templatesSent().stream().filter("tpl-MEETING_SCHEDULED"::equals).count(), "sent at 07:00");
    }

    @Test
    void leaveWaitingReachesTheSecretaryAndTheDecisionTheMember() {
        long id = notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        Api.Response leave = api().post("/meetings/" + id + "/leave", token, Map.of("reason", "外出进货"));
        assertEquals(201, leave.status(), leave::toString);
        assertEquals("LEAVE_WAITING", notices.kinds(secretary).get(0));
        long leaveId = leave.json().get("id").asLong();
        assertEquals(200, api().post("/meetings/" + id + "/leave/" + leaveId + "/approve", secretary, null).status());
        assertEquals("LEAVE_APPROVED", notices.kinds(token).get(0));
        assertEquals("请假已批准", notices.inbox(token).get("items").get(0).get("title").asText());
    }
}
