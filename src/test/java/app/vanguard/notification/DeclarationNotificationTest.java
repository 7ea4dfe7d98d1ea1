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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 亮身份: a declaration waiting reaches the branch's secretary; verified or rejected reaches the member. */
@MicronautTest(transactional = false)
class DeclarationNotificationTest extends ApiTestBase {

    @Inject
    NotificationSender sender;

    @Inject
    TestClock clock;

    /** Pushes wait out quiet hours (22:00-07:00 Beijing): run at 10:00 on the base date, whatever the time now. */
    @BeforeEach
    void daytime() {
        clock.set(TestDates.at(0, 10, 0));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> declaration(long branchId) {
        Map<String, Object> body = new HashMap<>();
        body.put("branchId", branchId);
        body.put("membershipStatus", "FULL");
        body.put("joinedOn", TestDates.day(-5000).toString());
        body.put("registeredOrganisation", "河南省周口市某村党支部");
        body.put("mobile", true);
        body.put("mobileOrigin", "河南省周口市");
        body.put("workplace", "东门专业市场");
        body.put("position", "摊主");
        body.put("commitments", List.of("诚信经营"));
        return body;
    }

    @Test
    void waitingToTheSecretaryThenRejectedAndVerifiedToTheMember() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretary = fixtures.secretary(branch);
        String secretaryToken = fixtures.token(secretary);
        Member member = fixtures.member(null);
        String token = fixtures.token(member);
        String openid = new Notices(api()).bindWechat(member);
        Notices notices = new Notices(api());

        Api.Response declared = api().post("/me/declarations", token, declaration(branch.id()));
        assertEquals(201, declared.status(), declared::toString);
        long id = declared.json().get("id").asLong();
        assertEquals(List.of("DECLARATION_WAITING"), notices.kinds(secretaryToken));
        // The secretary's notice opens the review page, not the member's own path (a 404 for the secretary).
        String link = notices.inbox(secretaryToken).get("items").get(0).get("link").asText();
        assertEquals("/branches/" + branch.id() + "/declarations/" + id, link);
        assertEquals(200, api().get(link, secretaryToken).status());

        Api.Response rejected = api().post("/branches/" + branch.id() + "/declarations/" + id + "/reject",
                secretaryToken, Map.of("reason", "单位名称不全"));
        assertEquals(200, rejected.status(), rejected::toString);
        assertEquals(List.of("DECLARATION_REJECTED"), notices.kinds(token));
        assertTrue(notices.inbox(token).get("items").get(0).get("body").asText().contains("单位名称不全"));

        clock.advance(java.time.Duration.ofMinutes(5)); // the resubmission is another occasion
        assertEquals(200, api().put("/me/declarations/" + id, token, declaration(branch.id())).status());
        assertEquals(2, notices.kinds(secretaryToken).size(), "the resubmission waits again");
        assertEquals(200, api().post("/branches/" + branch.id() + "/declarations/" + id + "/verify", secretaryToken,
                null).status());
        assertEquals(List.of("DECLARATION_VERIFIED", "DECLARATION_REJECTED"), notices.kinds(token));
        assertEquals("/me/declarations/" + id, notices.inbox(token).get("items").get(0).get("link").asText());

        while (sender.sendDue() > 0) {
            // deliver
        }
        assertEquals(List.of("tpl-DECLARATION_REJECTED", "tpl-DECLARATION_VERIFIED"), NotifyStub.wechatTo(openid)
                .stream().map(r -> r.body().get("template_id").asText()).toList());
    }
}
