package app.vanguard.notification;

import app.vanguard.auth.WechatBindingStore;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20's measure: a 300-member meeting's notices are delivered within a minute. Scheduling through the API
 * writes the 300 inbox items, their 300 WeChat deliveries and 600 planned reminders in the request's transaction;
 * two senders (two instances) then push to the local WeChat stub until all 300 arrived. Timings are printed
 * ("[throughput]") and quoted in README.
 */
@MicronautTest(transactional = false)
class MeetingNoticeThroughputTest extends ApiTestBase {

    private static final int MEMBERS = 300;

    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;
    @Inject
    WechatBindingStore bindings;
    @Inject
    app.vanguard.org.MemberRepository memberRepository;
    @Inject
    TransactionOperations<Connection> transactions;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void aThreeHundredMemberMeetingIsDeliveredWithinAMinute() throws Exception {
        clock.set(TestDates.at(0, 10, 0));
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        List<String> openids = new ArrayList<>();
        for (int i = 0; i < MEMBERS - 1; i++) {
            Member m = fixtures.member(branch);
            String openid = "openid-" + UUID.randomUUID();
            // Bulk setup: the binding the sign-in API would store (WechatLoginTest covers the API itself).
            transactions.executeWrite(s -> {
                bindings.save(m.id(), openid, clock.instant());
                memberRepository.updateWechatOpenidAndUpdatedAt(m.id(), openid, clock.instant());
                return null;
            });
            openids.add(openid);
        }

        long t0 = System.nanoTime();
        Api.Response scheduled = api().post("/branches/" + branch.id() + "/meetings", secretary,
                Notices.meeting("BRANCH_GENERAL_MEETING", TestDates.at(3, 19, 30)));
        long scheduleMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(201, scheduled.status(), scheduled::toString);
        assertEquals(MEMBERS, scheduled.json().get("expectedCount").asInt());

        long t1 = System.nanoTime();
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(instances.submit(() -> {
                int sent = 0;
                int n;
                while ((n = sender.sendDue()) > 0) {
                    sent += n;
                }
                return sent;
            }));
        }
        int claimed = 0;
        for (Future<Integer> run : runs) {
            claimed += run.get(2, TimeUnit.MINUTES);
        }
        instances.shutdown();
        long deliverMs = (System.nanoTime() - t1) / 1_000_000;
        long delivered = openids.stream().mapToLong(o -> NotifyStub.wechatTo(o).stream()
                .filter(r -> r.body().get("template_id").asText().equals("tpl-MEETING_SCHEDULED")).count()).sum();
        System.out.printf("[throughput] %d members: scheduling (notices + deliveries + reminders written) %d ms; "
                + "two senders delivered %d WeChat messages in %d ms (%d claimed)%n", MEMBERS, scheduleMs, delivered,
                deliverMs, claimed);
        assertEquals(MEMBERS - 1, delivered, "each bound member once");
        assertTrue(scheduleMs + deliverMs < 60_000, "within a minute: " + (scheduleMs + deliverMs) + " ms");
    }
}
