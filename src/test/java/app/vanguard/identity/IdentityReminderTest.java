package app.vanguard.identity;

import app.vanguard.notification.NotificationSender;
import app.vanguard.notification.Notices;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a commitment due for its yearly review (from 1 December until reviewed) and a badge about to expire (30
 * days before its last day) reach the member once, however often the job runs - inbox and WeChat via the stub.
 */
@MicronautTest(transactional = false)
class IdentityReminderTest extends IdentityTestBase {

    @Inject
    TestClock clock;
    @Inject
    IdentityReminders reminders;
    @Inject
    NotificationSender sender;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void commitmentsDueForReviewAndExpiringBadgesAreToldOnce() {
        int year = TestDates.year();
        clock.set(TestDates.at(LocalDate.of(year, 11, 30), 10, 0));
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        Member member = fixtures.member(branch);
        Member reviewed = fixtures.member(branch);
        String token = fixtures.token(member);
        Notices notices = new Notices(api());
        String openid = notices.bindWechat(member);
        verifiedDeclaration(member, branch, secretary, "帮扶两户困难群众");
        verifiedDeclaration(reviewed, branch, secretary, "义务清扫市场");
        long reviewedCommitment = api().get("/me/commitments", fixtures.token(reviewed)).json().get(0).path("id").asLong();
        assertEquals(200, api().put("/branches/" + branch.id() + "/commitments/" + reviewedCommitment + "/reviews/" + year,
                secretary, Map.of("verdict", "FULFILLED")).status());
        Api.Response badge = api().post("/branches/" + branch.id() + "/badges", secretary, Map.of("memberId", member.id(),
                "type", "MODEL_HOUSEHOLD", "title", "东门市场3号摊位", "validFrom", LocalDate.of(year, 11, 1).toString(),
                "validUntil", LocalDate.of(year, 12, 31).toString()));
        assertEquals(201, badge.status(), badge::toString);

        reminders.remind();
        assertTrue(notices.kinds(token).stream().noneMatch(k -> k.equals("COMMITMENT_REVIEW_DUE")
                || k.equals("BADGE_EXPIRING")), "30 November: neither is due yet");

        clock.set(TestDates.at(LocalDate.of(year, 12, 1), 10, 0));
        reminders.remind();
        reminders.remind();
        List<String> kinds = notices.kinds(token);
        assertEquals(1, kinds.stream().filter("COMMITMENT_REVIEW_DUE"::equals).count());
        assertEquals(1, kinds.stream().filter("BADGE_EXPIRING"::equals).count());
        assertTrue(notices.kinds(fixtures.token(reviewed)).stream().noneMatch("COMMITMENT_REVIEW_DUE"::equals),
                "already reviewed this year");
        for (JsonNode item : notices.inbox(token).get("items")) {
            if (item.get("kind").asText().equals("BADGE_EXPIRING")) {
                assertEquals("/me/badges", item.get("link").asText());
                assertTrue(item.get("body").asText().contains("东门市场3号摊位"), item.toString());
            }
            if (item.get("kind").asText().equals("COMMITMENT_REVIEW_DUE")) {
                assertEquals("/me/commitments", item.get("link").asText());
            }
        }
        while (sender.sendDue() > 0) {
            // deliver
        }
        List<String> templates = NotifyStub.wechatTo(openid).stream().map(r -> r.body().get("template_id").asText()).toList();
        assertEquals(1, templates.stream().filter("tpl-COMMITMENT_REVIEW_DUE"::equals).count());
        assertEquals(1, templates.stream().filter("tpl-BADGE_EXPIRING"::equals).count());
    }
}
