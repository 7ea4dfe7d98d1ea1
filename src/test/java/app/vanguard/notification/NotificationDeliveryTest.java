package app.vanguard.notification;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.Sql;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes through the outbox against the local WeChat / SMS stub: bound and unbound members, choices, failures and
 * recovery, giving up, senders racing for the same rows, a sender that died holding rows.
 */
@MicronautTest(transactional = false)
class NotificationDeliveryTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;
    @Inject
    NotificationSettings settings;
    @Inject
    NotificationStore store;
    @Inject
    Sql sql;
    @Inject
    TransactionOperations<Connection> transactions;

    private Notices notices;
    private Organisation branch;
    private String secretary;
    private Instant now = TestDates.at(0, 10, 0);

    @BeforeEach
    void setUp() {
        notices = new Notices(api());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(now);
        NotifyStub.failWechat(0);
        NotifyStub.failSms(0);
    }

    @AfterEach
    void reset() {
        clock.reset();
        NotifyStub.failWechat(0);
        NotifyStub.failSms(0);
        settings.setBatchSize(100);
    }

    private void sendAll() {
        while (sender.sendDue() > 0) {
            // until nothing is due
        }
    }

    private void advance(Duration d) {
        now = now.plus(d);
        clock.set(now);
    }

    @Test
    void aBoundMemberGetsASubscribeMessageAnUnboundOneTheInboxOnly() {
        Member bound = fixtures.member(branch);
        Member unbound = fixtures.member(branch);
        String openid = notices.bindWechat(bound);
        int tokensBefore = NotifyStub.tokensIssued();
        long meetingId = notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        notices.schedule(branch.id(), secretary, TestDates.at(4, 19, 30));
        sendAll();

        List<NotifyStub.Received> got = NotifyStub.wechatTo(openid);
        assertEquals(2, got.size(), got::toString);
        JsonNode first = got.stream().filter(r -> r.body().get("page").asText().contains("%2Fmeetings%2F" + meetingId))
                .findFirst().orElseThrow().body();
        assertEquals("tpl-MEETING_SCHEDULED", first.get("template_id").asText());
        assertEquals("会议通知", first.at("/data/thing1/value").asText());
        assertTrue(first.at("/data/thing2/value").asText().startsWith("学习党章"), first::toString);
        assertTrue(NotifyStub.tokensIssued() - tokensBefore <= 1, "the access token is cached between sends");

        assertEquals(2, notices.inbox(fixtures.token(unbound)).get("total").asLong());
        assertEquals(0, NotifyStub.smsTo(unbound.phone()).size(), "SMS is off unless chosen");
        assertEquals(0, NotifyStub.smsTo(bound.phone()).size());
    }

    @Test
    void membersChooseChannelsPerKind() {
        Member member = fixtures.member(branch);
        String openid = notices.bindWechat(member);
        String token = fixtures.token(member);
        assertEquals(200, api().put("/me/notification-preferences", token, Map.of("items", List.of(
                Map.of("kind", "MEETING_SCHEDULED", "channel", "WECHAT", "enabled", false),
                Map.of("kind", "MEETING_SCHEDULED", "channel", "SMS", "enabled", true)))).status());
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        sendAll();

        assertEquals(0, NotifyStub.wechatTo(openid).size(), "WeChat turned off for this kind");
        List<NotifyStub.Received> sms = NotifyStub.smsTo(member.phone());
        assertEquals(1, sms.size());
        assertEquals("Bearer " + NotifyStub.SMS_KEY, sms.get(0).credential());
        assertTrue(sms.get(0).body().get("text").asText().contains("会议通知"), sms::toString);
        assertEquals(1, notices.inbox(token).get("total").asLong(), "the inbox gets it whatever the choice");
    }

    @Test
    void aFailingSenderIsRetriedWithBackOffAndSendsOnceWhenItRecovers() {
        Member member = fixtures.member(branch);
        String openid = notices.bindWechat(member);
        NotifyStub.failWechat(2);
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size());
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size(), "not again before the back-off");
        advance(settings.getRetryDelay());
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size(), "second failure");
        advance(settings.getRetryDelay()); // the delay doubled
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size(), "not before twice the delay");
        advance(settings.getRetryDelay());
        sendAll();
        assertEquals(1, NotifyStub.wechatTo(openid).size());
        advance(Duration.ofHours(1));
        sendAll();
        assertEquals(1, NotifyStub.wechatTo(openid).size(), "exactly once");
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsFailedWithTheReason() {
        Member member = fixtures.member(branch);
        String openid = notices.bindWechat(member);
        NotifyStub.failWechat(1000);
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        for (int i = 0; i < settings.getMaxAttempts() + 2; i++) {
            sendAll();
            advance(Duration.ofHours(2));
        }
        NotifyStub.failWechat(0);
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size());
        List<String> rows = transactions.executeRead(s -> sql.list("SELECT CONCAT(d.state, ' ', d.attempts, ' ', "
                + "d.last_error) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                + "WHERE n.member_id = ? AND n.kind = 'MEETING_SCHEDULED'", rs -> rs.getString(1), member.id()));
        assertEquals(List.of("FAILED " + settings.getMaxAttempts() + " WeChat errcode -1: system busy"), rows);
    }

    @Test
    void sendersRacingForTheSameRowsSendEachOnce() throws Exception {
        List<String> openids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            openids.add(notices.bindWechat(fixtures.member(branch)));
        }
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        notices.schedule(branch.id(), secretary, TestDates.at(4, 19, 30));
        settings.setBatchSize(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(() -> {
                    int total = 0;
                    for (int n; (n = sender.sendDue()) > 0; ) {
                        total += n;
                    }
                    return total;
                });
            }
            int claimed = 0;
            for (Future<Integer> f : pool.invokeAll(senders)) {
                claimed += f.get();
            }
            assertTrue(claimed >= 24, "every row claimed by someone: " + claimed);
        } finally {
            pool.shutdownNow();
        }
        for (String openid : openids) {
            assertEquals(2, NotifyStub.wechatTo(openid).size(), "one message per meeting for " + openid);
        }
    }

    @Test
    void rowsHeldByASenderThatDiedAreSentOnceItsLeaseRunsOut() {
        Member member = fixtures.member(branch);
        String openid = notices.bindWechat(member);
        notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        // Another instance claimed everything due and died before sending.
        int held = transactions.executeWrite(s -> store.claim("dead-instance", now, now.plus(settings.getLease()), 1000));
        assertTrue(held >= 1);
        sendAll();
        assertEquals(0, NotifyStub.wechatTo(openid).size(), "still leased to the dead sender");
        advance(settings.getLease().plusSeconds(1));
        sendAll();
        assertEquals(1, NotifyStub.wechatTo(openid).size());
    }
}
