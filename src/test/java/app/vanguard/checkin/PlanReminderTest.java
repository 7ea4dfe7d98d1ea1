package app.vanguard.checkin;

import app.vanguard.notification.NotificationSender;
import app.vanguard.notification.Notices;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, for secretaries: a meeting of the annual plan not yet scheduled near the end of its month (7 days before)
 * is told to the branch's secretary once; a scheduled one is not; members are not told. End to end via the stub.
 */
@MicronautTest(transactional = false)
class PlanReminderTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    PlanReminders reminders;
    @Inject
    NotificationSender sender;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void anUnscheduledPlanItemIsToldToTheSecretaryNearTheMonthsEnd() {
        YearMonth month = TestDates.month();
        LocalDate last = month.atEndOfMonth();
        clock.set(TestDates.at(last.minusDays(7), 10, 0));
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretaryMember = fixtures.secretary(branch);
        String secretary = fixtures.token(secretaryMember);
        String member = fixtures.token(fixtures.member(branch));
        Notices notices = new Notices(api());
        String openid = notices.bindWechat(secretaryMember);
        assertEquals(200, api().put("/branches/" + branch.id() + "/meeting-plans/" + month.getYear(), secretary,
                Map.of("items", List.of(Map.of("month", month.getMonthValue(), "type", "THEMED_PARTY_DAY"),
                        Map.of("month", month.getMonthValue(), "type", "PARTY_LESSON")))).status());
        new Meetings(api(), server.getURI()).schedule(branch.id(), secretary, "PARTY_LESSON", TestDates.at(last, 9, 0));

        reminders.remind();
        assertTrue(notices.kinds(secretary).stream().noneMatch("PLAN_MEETING_UNSCHEDULED"::equals), "8 days before: not yet");

        clock.set(TestDates.at(last.minusDays(6), 10, 0));
        reminders.remind();
        reminders.remind();
        List<String> kinds = notices.kinds(secretary);
        assertEquals(1, kinds.stream().filter("PLAN_MEETING_UNSCHEDULED"::equals).count(), "once, for the party day");
        JsonNode notice = notices.inbox(secretary).get("items").get(0);
        assertEquals("PLAN_MEETING_UNSCHEDULED", notice.get("kind").asText());
        assertTrue(notice.get("body").asText().contains("主题党日"), notice.toString());
        assertEquals("/branches/" + branch.id() + "/meeting-plans/" + month.getYear(), notice.get("link").asText());
        assertEquals(200, api().get(notice.get("link").asText(), secretary).status());
        assertTrue(notices.kinds(member).stream().noneMatch("PLAN_MEETING_UNSCHEDULED"::equals), "members are not told");
        while (sender.sendDue() > 0) {
            // deliver
        }
        assertEquals(1, NotifyStub.wechatTo(openid).stream()
                .filter(r -> r.body().get("template_id").asText().equals("tpl-PLAN_MEETING_UNSCHEDULED")).count());
    }
}
