package app.vanguard.notification;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20: figures for a secretary - who was told about a meeting and when, who read it; checked for every role. */
@MicronautTest(transactional = false)
class MeetingNoticeFiguresTest extends ApiTestBase {

    @Inject
    TestClock clock;
    @Inject
    NotificationSender sender;

    @BeforeEach
    void setUp() {
        clock.set(TestDates.at(0, 10, 0));
    }

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void theSecretarySeesWhoWasToldPushedAndWhoRead() {
        Notices notices = new Notices(api());
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member secretaryMember = fixtures.secretary(branch);
        String secretary = fixtures.token(secretaryMember);
        Member reader = fixtures.member(branch);
        Member bound = fixtures.member(branch);
        notices.bindWechat(bound);
        long id = notices.schedule(branch.id(), secretary, TestDates.at(3, 19, 30));
        while (sender.sendDue() > 0) {
            // deliver
        }
        clock.set(TestDates.at(0, 11, 0));
        long noticeId = notices.inbox(fixtures.token(reader)).get("items").get(0).get("id").asLong();
        assertEquals(200, api().post("/me/notifications/" + noticeId + "/read", fixtures.token(reader), null).status());

        var r = api().get("/meetings/" + id + "/notifications", secretary);
        assertEquals(200, r.status(), r::toString);
        JsonNode figures = r.json();
        assertEquals(3, figures.get("told").asInt(), "everyone expected, the secretary included");
        assertEquals(1, figures.get("pushed").asInt(), "only the member bound to WeChat");
        assertEquals(1, figures.get("read").asInt());
        Map<Long, JsonNode> byMember = new HashMap<>();
        figures.get("items").forEach(i -> byMember.put(i.get("memberId").asLong(), i));
        assertEquals(TestDates.at(0, 10, 0).toEpochMilli(), TestDates.millis(byMember.get(reader.id()).get("firstToldAt").asText()));
        assertTrue(byMember.get(reader.id()).get("firstToldAt").asText().endsWith("+08:00"), "Shanghai time");
        assertEquals(TestDates.at(0, 11, 0).toEpochMilli(), TestDates.millis(byMember.get(reader.id()).get("readAt").asText()));
        assertNull(byMember.get(bound.id()).get("readAt"));
        assertNotNull(byMember.get(bound.id()).get("firstPushedAt"));
        assertEquals(1, byMember.get(bound.id()).get("notices").asInt(), "reminders not shown yet are not counted");

        // Every role: those who may view the branch see it; members, other branches and other subtrees do not.
        String path = "/meetings/" + id + "/notifications";
        Member committeeMember = fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch);
        assertEquals(200, api().get(path, fixtures.token(committeeMember)).status());
        assertEquals(200, api().get(path, fixtures.token(fixtures.orgAdmin(committee))).status());
        assertEquals(200, api().get(path, fixtures.token(fixtures.systemAdmin())).status());
        assertEquals(403, api().get(path, fixtures.token(reader)).status(), "an attendee");
        assertEquals(403, api().get(path, fixtures.token(fixtures.secretary(fixtures.branch(committee)))).status(),
                "another branch's secretary");
        assertEquals(403, api().get(path, fixtures.token(fixtures.orgAdmin(fixtures.committee()))).status(),
                "another subtree's admin");
        assertEquals(401, api().get(path, null).status());
        assertEquals(404, api().get("/meetings/999999999/notifications", secretary).status());
    }
}
