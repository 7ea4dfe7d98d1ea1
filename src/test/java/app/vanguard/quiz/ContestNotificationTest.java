package app.vanguard.quiz;

import app.vanguard.notification.NotificationSender;
import app.vanguard.notification.Notices;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a contest's opening reaches its subtree's members when it opens (not before), and its results reach the
 * contestants when it is frozen - inbox and WeChat, end to end against the stub, once each.
 */
@MicronautTest(transactional = false)
@Property(name = "vanguard.quiz.freeze-interval", value = "1h")
class ContestNotificationTest extends QuizFixtures {

    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;

    private long t;

    @BeforeEach
    void setUp() {
        t = TestDates.at(0, 10, 0).toEpochMilli();
        clock.set(Instant.ofEpochMilli(t));
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

    @Test
    void theOpeningReachesTheSubtreeWhenItOpensAndTheResultsTheContestants() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        seedBank(committee, admin);
        Notices notices = new Notices(api());
        Member player = fixtures.member(branch);
        Member idle = fixtures.member(branch);
        String playerToken = fixtures.token(player);
        String openid = notices.bindWechat(player);
        String outsider = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));

        long startsAt = t + 3_600_000;
        long id = createContest(committee, admin, startsAt, startsAt + 600_000, 300, 4, 1, false);
        sendAll();
        assertTrue(notices.kinds(playerToken).isEmpty(), "nothing before it opens");
        assertTrue(NotifyStub.wechatTo(openid).isEmpty());

        clock.set(Instant.ofEpochMilli(startsAt));
        sendAll();
        assertEquals(List.of("CONTEST_OPENING"), notices.kinds(playerToken));
        assertEquals(List.of("CONTEST_OPENING"), notices.kinds(fixtures.token(idle)));
        assertEquals(0, notices.inbox(outsider).get("total").asLong(), "another subtree is not told");
        JsonNode opening = notices.inbox(playerToken).get("items").get(0);
        assertEquals("/contests/" + id, opening.get("link").asText());
        assertTrue(opening.get("body").asText().contains("党章知识竞赛"), opening.toString());
        assertEquals(List.of("tpl-CONTEST_OPENING"), templates(openid));

        // The player plays; after the end the results are frozen (here on the first read) and told to contestants.
        JsonNode attempt = api().post("/contests/" + id + "/attempts", playerToken, null).json();
        String path = attemptPath(id, attempt.get("id").asLong());
        for (int p = 1; p <= 4; p++) {
            api().put(path + "/answers/" + p, playerToken, Map.of("answer", rightAnswer(attempt.get("questions").get(p - 1))));
        }
        Api.Response submitted = api().post(path + "/submit", playerToken, null);
        assertEquals(200, submitted.status(), submitted::toString);
        clock.set(Instant.ofEpochMilli(startsAt + 700_000));
        assertEquals(200, api().get("/contests/" + id + "/results/me", playerToken).status());
        assertEquals(200, api().get("/contests/" + id + "/results/me", playerToken).status());
        sendAll();
        assertEquals(List.of("CONTEST_RESULTS", "CONTEST_OPENING"), notices.kinds(playerToken), "once");
        assertEquals(List.of("CONTEST_OPENING"), notices.kinds(fixtures.token(idle)), "only contestants get results");
        assertEquals(List.of("tpl-CONTEST_OPENING", "tpl-CONTEST_RESULTS"), templates(openid));
    }

    private static List<String> templates(String openid) {
        return NotifyStub.wechatTo(openid).stream().map(r -> r.body().get("template_id").asText()).toList();
    }
}
