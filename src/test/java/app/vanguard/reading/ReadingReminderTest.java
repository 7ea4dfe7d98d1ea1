package app.vanguard.reading;

import app.vanguard.notification.NotificationSender;
import app.vanguard.notification.Notices;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.NotifyStub;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: from 20:00 Shanghai, a member whose streak is at stake (yesterday read, today not yet) is reminded once
 * that day, even with two instances' jobs racing; a member who read today, or whose streak is already broken, is not.
 */
@MicronautTest(transactional = false)
class ReadingReminderTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    ReadingReminders reminders;
    @Inject
    NotificationSender sender;

    private List<Long> articles;

    @BeforeEach
    void setUp() {
        String admin = fixtures.token(fixtures.systemAdmin());
        articles = ReadingSupport.articleIds(api(), admin, ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private void readAt(String token, Instant instant, long articleId) {
        clock.set(instant.minus(Duration.ofSeconds(15)));
        long session = api().post("/reading/articles/" + articleId + "/open", token, null).json().get("sessionId").asLong();
        clock.set(instant);
        Api.Response finished = api().post("/reading/sessions/" + session + "/finish", token, null);
        assertEquals(200, finished.status(), finished::toString);
    }

    @Test
    void aStreakAtStakeIsRemindedOnceInTheEvening() throws Exception {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member atStake = fixtures.member(branch);
        String atStakeToken = fixtures.token(atStake);
        String readToday = fixtures.token(fixtures.member(branch));
        String broken = fixtures.token(fixtures.member(branch));
        Notices notices = new Notices(api());
        String openid = notices.bindWechat(atStake);
        readAt(atStakeToken, TestDates.at(-2, 9, 0), articles.get(0));
        readAt(atStakeToken, TestDates.at(-1, 9, 0), articles.get(1));
        readAt(readToday, TestDates.at(-1, 9, 0), articles.get(0));
        readAt(readToday, TestDates.at(0, 9, 0), articles.get(1));
        readAt(broken, TestDates.at(-2, 9, 0), articles.get(0));

        clock.set(TestDates.at(0, 19, 59));
        assertEquals(0, reminders.remind(), "before the evening hour nothing is considered");
        clock.set(TestDates.at(0, 20, 0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier barrier = new CyclicBarrier(2);
        Callable<Integer> run = () -> {
            barrier.await();
            return reminders.remind();
        };
        List<Future<Integer>> runs = List.of(pool.submit(run), pool.submit(run));
        for (Future<Integer> f : runs) {
            f.get();
        }
        pool.shutdown();
        clock.set(TestDates.at(0, 21, 0));
        reminders.remind();

        assertEquals(List.of("READING_REMINDER"), notices.kinds(atStakeToken), "once that day");
        JsonNode notice = notices.inbox(atStakeToken).get("items").get(0);
        assertTrue(notice.get("body").asText().contains("2天"), notice.toString());
        assertEquals("/reading/today", notice.get("link").asText());
        assertTrue(notices.kinds(readToday).isEmpty(), "read today");
        assertTrue(notices.kinds(broken).isEmpty(), "no streak left to save");
        while (sender.sendDue() > 0) {
            // deliver
        }
        assertEquals(List.of("tpl-READING_REMINDER"), NotifyStub.wechatTo(openid).stream()
                .map(r -> r.body().get("template_id").asText()).toList());

        // The next evening, after reading that day: nothing more.
        readAt(atStakeToken, TestDates.at(1, 9, 0), articles.get(2));
        clock.set(TestDates.at(1, 20, 30));
        reminders.remind();
        assertEquals(1, notices.kinds(atStakeToken).size());
    }
}
