package app.vanguard.notification;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox (站内信): what a scheduled meeting leaves there, reading, exactly once, and who may see what. */
@MicronautTest(transactional = false)
class NotificationInboxTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    Notifier notifier;

    private Notices notices;
    private Organisation branch;
    private Member secretary;
    private String secretaryToken;
    private final Instant now = TestDates.at(0, 10, 0);

    @BeforeEach
    void setUp() {
        notices = new Notices(api());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.secretary(branch);
        secretaryToken = fixtures.token(secretary);
        clock.set(now);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aScheduledMeetingIsInEveryAttendeesInboxInChinese() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        Instant start = TestDates.at(3, 19, 30);
        long meetingId = notices.schedule(branch.id(), secretaryToken, start);

        JsonNode inbox = notices.inbox(token);
        assertEquals(1, inbox.get("total").asLong(), inbox::toString);
        assertEquals(1, inbox.get("unread").asLong());
        JsonNode item = inbox.get("items").get(0);
        assertEquals("MEETING_SCHEDULED", item.get("kind").asText());
        assertEquals("会议通知", item.get("title").asText());
        assertTrue(item.get("body").asText().contains("学习党章"), item::toString);
        assertTrue(item.get("body").asText().contains("19:30"), "Shanghai time in the body: " + item);
        assertEquals("/meetings/" + meetingId, item.get("link").asText());
        assertEquals("MEETING", item.get("objectType").asText());
        assertFalse(item.get("read").asBoolean());
        assertEquals(now, Instant.parse(item.get("time").asText()));
        assertEquals(1, api().get("/me/notifications/unread-count", token).json().get("unread").asLong());
        // The secretary is an expected attendee of a general meeting too.
        assertEquals(List.of("MEETING_SCHEDULED"), notices.kinds(secretaryToken));
    }

    @Test
    void readOneThenAllNewestFirstAndPaged() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        notices.schedule(branch.id(), secretaryToken, TestDates.at(3, 19, 30));
        clock.set(now.plus(Duration.ofMinutes(1)));
        long second = notices.schedule(branch.id(), secretaryToken, TestDates.at(4, 19, 30));
        clock.set(now.plus(Duration.ofMinutes(2)));
        long third = notices.schedule(branch.id(), secretaryToken, TestDates.at(5, 19, 30));

        Api.Response page0 = api().get("/me/notifications?page=0&size=2", token);
        assertEquals(3, page0.json().get("total").asLong());
        assertEquals("/meetings/" + third, page0.json().get("items").get(0).get("link").asText(), "newest first");
        assertEquals("/meetings/" + second, page0.json().get("items").get(1).get("link").asText());
        assertEquals(1, api().get("/me/notifications?page=1&size=2", token).json().get("items").size());

        long id = page0.json().get("items").get(0).get("id").asLong();
        Api.Response read = api().post("/me/notifications/" + id + "/read", token, null);
        assertEquals(200, read.status(), read::toString);
        assertTrue(read.json().get("read").asBoolean());
        assertEquals(200, api().post("/me/notifications/" + id + "/read", token, null).status(), "again is fine");
        assertEquals(2, api().get("/me/notifications/unread-count", token).json().get("unread").asLong());
        assertEquals(2, api().get("/me/notifications?unreadOnly=true", token).json().get("total").asLong());

        assertEquals(2, api().post("/me/notifications/read-all", token, null).json().get("marked").asInt());
        assertEquals(0, api().get("/me/notifications/unread-count", token).json().get("unread").asLong());
    }

    @Test
    void exactlyOncePerMemberKindObjectAndOccasion() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        for (int i = 0; i < 3; i++) {
            notifier.notify(List.of(member.id()), NotificationKind.DECLARATION_VERIFIED, 4242, "");
        }
        notifier.notify(List.of(member.id()), NotificationKind.DECLARATION_REJECTED, 4242, "1", "reason", "信息不全");
        notifier.notify(List.of(member.id()), NotificationKind.DECLARATION_REJECTED, 4242, "2", "reason", "信息不全");
        assertEquals(List.of("DECLARATION_REJECTED", "DECLARATION_REJECTED", "DECLARATION_VERIFIED"),
                notices.kinds(token).stream().sorted().toList());
    }

    @Test
    void everyEndpointIsTheCallersOwnAndNeedsSignIn() {
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);
        String other = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        notices.schedule(branch.id(), secretaryToken, TestDates.at(3, 19, 30));
        long id = notices.inbox(token).get("items").get(0).get("id").asLong();

        assertEquals(0, notices.inbox(other).get("total").asLong(), "another member sees none of it");
        Api.Response foreign = api().post("/me/notifications/" + id + "/read", other, null);
        assertEquals(404, foreign.status(), foreign::toString);
        assertEquals(401, api().post("/me/notifications/" + id + "/read", null, null).status());
        assertFalse(notices.inbox(token).get("items").get(0).get("read").asBoolean(), "still unread for its owner");
        assertEquals(404, api().post("/me/notifications/99999999999/read", token, null).status());

        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("inbox", (api, t) -> api.get("/me/notifications", t));
        calls.put("unread", (api, t) -> api.get("/me/notifications/unread-count", t));
        calls.put("read-all", (api, t) -> api.post("/me/notifications/read-all", t, null));
        calls.put("preferences", (api, t) -> api.get("/me/notification-preferences", t));
        calls.put("choose", (api, t) -> api.put("/me/notification-preferences", t,
                Map.of("items", List.of(Map.of("kind", "MEETING_REMINDER", "channel", "SMS", "enabled", true)))));
        expectEach(200, calls, token, "own member");
        expectEach(200, calls, other, "other member (their own, empty inbox)");
        expectEach(401, calls, null, "anonymous");

    }

    @Test
    void preferencesListEveryKindAndChannelWithDefaults() {
        String token = fixtures.token(fixtures.member(branch));
        JsonNode all = api().get("/me/notification-preferences", token).json().get("items");
        assertEquals(NotificationKind.values().length * 2, all.size());
        JsonNode changed = api().put("/me/notification-preferences", token, Map.of("items", List.of(
                Map.of("kind", "MEETING_SCHEDULED", "channel", "WECHAT", "enabled", false),
                Map.of("kind", "MEETING_SCHEDULED", "channel", "SMS", "enabled", true)))).json().get("items");
        for (JsonNode p : changed) {
            boolean expected = p.get("kind").asText().equals("MEETING_SCHEDULED")
                    ? p.get("channel").asText().equals("SMS") : p.get("channel").asText().equals("WECHAT");
            assertEquals(expected, p.get("enabled").asBoolean(), p::toString);
        }
        Api.Response bad = api().put("/me/notification-preferences", token,
                Map.of("items", List.of(Map.of("kind", "NO_SUCH_KIND", "channel", "SMS", "enabled", true))));
        assertEquals(400, bad.status(), bad::toString);
    }
}
