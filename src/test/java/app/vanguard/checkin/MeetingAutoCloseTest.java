package app.vanguard.checkin;

import app.vanguard.notification.NotificationSender;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.NotifyStub;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import app.vanguard.support.WechatStub;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 4: meetings close by themselves when the check-in window ends, exactly once across instances (two
 * runs race here), and record the absentees, who are told (issue 20: inbox and WeChat, through the stub).
 */
@MicronautTest(transactional = false)
class MeetingAutoCloseTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    MeetingCloser closer;
    @Inject
    NotificationSender sender;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(TestDates.at(0, 10, 0));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    private String bindWechat(Member member) {
        String openid = "openid-" + UUID.randomUUID();
        String code = "code-" + UUID.randomUUID();
        WechatStub.register(code, openid);
        String ticket = api().post("/auth/wechat/login", null, Map.of("code", code)).json().get("bindTicket").asText();
        assertEquals(200, api().post("/auth/wechat/bind", null, Map.of("bindTicket", ticket, "phone", member.phone(),
                "password", Fixtures.PASSWORD)).status());
        return openid;
    }

    private List<String> kinds(String token) {
        List<String> out = new ArrayList<>();
        api().get("/me/notifications?size=100", token).json().get("items").forEach(i -> out.add(i.get("kind").asText()));
        return out;
    }

    @Test
    void twoInstancesRacingCloseTheMeetingOnceAndRecordTheAbsentees() throws Exception {
        Member present = fixtures.member(branch);
        Member onLeave = fixtures.member(branch);
        Member undecided = fixtures.member(branch);
        Member forgot = fixtures.member(branch);
        String forgotOpenid = bindWechat(forgot);
        Instant start = TestDates.at(1, 19, 0);
        long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start);
        long leave = api().post("/meetings/" + id + "/leave", fixtures.token(onLeave), Map.of("reason", "出差"))
                .json().get("id").asLong();
        assertEquals(200, api().post("/meetings/" + id + "/leave/" + leave + "/approve", secretary, null).status());
        assertEquals(201, api().post("/meetings/" + id + "/leave", fixtures.token(undecided), Map.of("reason", "看病"))
                .status());
        clock.set(start.minus(Duration.ofMinutes(5)));
        assertEquals(201, meetings.checkIn(id, fixtures.token(present), meetings.code(id, secretary)).status());

        // The check-in window is still open: nothing closes.
        clock.set(start.plus(Duration.ofMinutes(59)));
        // (The database is shared with other test classes: their due meetings close too; only this one is checked.)
        assertFalse(closer.closeDue().contains(id));
        assertEquals("SCHEDULED", api().get("/meetings/" + id, secretary).json().get("status").asText());

        // Nobody closes it; once the window has ended two instances' jobs run at the same moment.
        clock.set(start.plus(Duration.ofMinutes(61)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier barrier = new CyclicBarrier(2);
        Callable<List<Long>> run = () -> {
            barrier.await();
            return closer.closeDue();
        };
        List<Future<List<Long>>> runs = List.of(pool.submit(run), pool.submit(run));
        int closed = 0;
        for (Future<List<Long>> f : runs) {
            closed += (int) f.get().stream().filter(m -> m == id).count();
        }
        pool.shutdown();
        assertEquals(1, closed, "exactly one instance closed it");
        assertFalse(closer.closeDue().contains(id), "and it stays closed");

        JsonNode list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals("CLOSED", list.get("meetingStatus").asText());
        Map<Long, String> outcome = new HashMap<>();
        list.get("items").forEach(i -> outcome.put(i.get("memberId").asLong(), i.get("status").asText()));
        assertEquals("PRESENT", outcome.get(present.id()));
        assertEquals("ON_LEAVE", outcome.get(onLeave.id()));
        assertEquals("ABSENT", outcome.get(undecided.id()), "leave never decided");
        assertEquals("ABSENT", outcome.get(forgot.id()));
        assertEquals(5, list.get("counts").get("expected").asInt());
        assertEquals(3, list.get("counts").get("absent").asInt(), "the secretary too: they never checked in");
        JsonNode leaves = api().get("/meetings/" + id + "/leave", secretary).json();
        leaves.forEach(l -> {
            if (l.get("memberId").asLong() == undecided.id()) {
                assertEquals("EXPIRED", l.get("status").asText());
            }
        });
        // A late check-in after the close is refused.
        assertEquals("MEETING_CLOSED", meetings.checkIn(id, fixtures.token(forgot), "000000").code());

        // The absent are told once; the present and those on leave are not.
        assertEquals(1, kinds(fixtures.token(forgot)).stream().filter("MEETING_MISSED"::equals).count());
        assertEquals(1, kinds(fixtures.token(undecided)).stream().filter("MEETING_MISSED"::equals).count());
        assertTrue(kinds(fixtures.token(present)).stream().noneMatch("MEETING_MISSED"::equals));
        assertTrue(kinds(fixtures.token(onLeave)).stream().noneMatch("MEETING_MISSED"::equals));
        JsonNode notice = api().get("/me/notifications?size=1", fixtures.token(forgot)).json().get("items").get(0);
        assertEquals("/meetings/" + id, notice.get("link").asText());
        while (sender.sendDue() > 0) {
            // until nothing is due
        }
        assertEquals(List.of("tpl-MEETING_MISSED"), NotifyStub.wechatTo(forgotOpenid).stream()
                .map(r -> r.body().get("template_id").asText()).filter("tpl-MEETING_MISSED"::equals).toList());
    }

    @Test
    void cancelledAndAlreadyClosedMeetingsAreLeftAlone() {
        Member member = fixtures.member(branch);
        Instant start = TestDates.at(1, 19, 0);
        long cancelled = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        assertEquals(200, api().post("/meetings/" + cancelled + "/cancel", secretary, null).status());
        long closedByHand = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        clock.set(start.plus(Duration.ofMinutes(10)));
        Api.Response closed = meetings.close(closedByHand, secretary);
        assertEquals(200, closed.status(), closed::toString);
        assertEquals(1, kinds(fixtures.token(member)).stream().filter("MEETING_MISSED"::equals).count(),
                "closing by hand tells the absent too");
        clock.set(start.plus(Duration.ofHours(3)));
        closer.closeDue();
        assertEquals("CANCELLED", api().get("/meetings/" + cancelled, secretary).json().get("status").asText());
        assertEquals(1, kinds(fixtures.token(member)).stream().filter("MEETING_MISSED"::equals).count(), "once");

        // A meeting whose window ended days ago (no instance ran meanwhile) is closed, but nobody is told so late.
        long stale = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start.plus(Duration.ofHours(4)));
        clock.set(start.plus(Duration.ofDays(3)));
        assertTrue(closer.closeDue().contains(stale));
        assertEquals("CLOSED", api().get("/meetings/" + stale, secretary).json().get("status").asText());
        assertEquals(1, kinds(fixtures.token(member)).stream().filter("MEETING_MISSED"::equals).count(),
                "not told days later");
    }
}
