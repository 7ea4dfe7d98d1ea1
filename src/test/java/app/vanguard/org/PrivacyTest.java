package app.vanguard.org;

import app.vanguard.support.PointsTotals;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import app.vanguard.shared.RetentionJob;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 13 (PIPL): a member exports their own data; retention blanks check-in coordinates and deletes spent
 * refresh tokens; a system admin erases a departed member's personal data while counts and the ledger stay.
 */
@MicronautTest(transactional = false)
class PrivacyTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    RetentionJob retention;

    @Inject
    MemberRepository members;

    @Inject
    PointsTotals points;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record World(Organisation branch, Member secretary, Member member, long meetingId) {
    }

    /** A member who signed in and checked in with coordinates, and wrote a note. */
    private World world(Instant start) {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretary = fixtures.secretary(branch);
        Member member = fixtures.member(branch);
        clock.set(start.minus(Duration.ofMinutes(5)));
        String secretaryToken = fixtures.token(secretary);
        Api.Response meeting = api().post("/branches/" + branch.id() + "/meetings", secretaryToken, Map.of(
                "type", "THEMED_PARTY_DAY", "topic", "学习党章", "place", "党群服务中心",
                "startsAt", start.toString(), "endsAt", start.plusSeconds(5400).toString()));
        assertEquals(201, meeting.status(), meeting::toString);
        long meetingId = meeting.json().get("id").asLong();
        String code = api().get("/meetings/" + meetingId + "/code", secretaryToken).json().get("code").asText();
        Api.Response login = api().post("/auth/login", null, Map.of("phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        String token = login.json().get("accessToken").asText();
        Api.Response checkIn = api().post("/meetings/" + meetingId + "/check-in", token,
                Map.of("code", code, "latitude", 31.2304, "longitude", 121.4737));
        assertEquals(201, checkIn.status(), checkIn::toString);
        return new World(branch, secretary, member, meetingId);
    }

    private JsonNode export(Member member) {
        Api.Response r = api().get("/me/data-export", fixtures.token(member));
        assertEquals(200, r.status(), r::toString);
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
        return r.json();
    }

    @Test
    void memberExportsTheirOwnData() {
        World w = world(TestDates.at(0, 10, 0));
        JsonNode export = export(w.member());
        assertEquals(w.member().id(), export.get("memberId").asLong());
        JsonNode sections = export.get("sections");
        assertEquals(w.member().phone(), sections.get("profile").get(0).get("phone").asText());
        JsonNode attendance = sections.get("attendance").get(0);
        assertEquals(w.meetingId(), attendance.get("meetingId").asLong());
        assertEquals(31.2304, attendance.get("latitude").asDouble(), 1e-9);
        assertTrue(attendance.get("checkedInAt").asText().endsWith("+08:00"), attendance::toString);
        assertEquals("CHECK_IN", sections.get("points").get(0).get("action").asText());
        assertFalse(sections.get("signIns").isEmpty(), "the sign-in is listed");
        String body = export.toString();
        assertFalse(body.contains("passwordHash") || body.contains("tokenHash") || body.contains("idCardHash"), body);
        // Only their own: the secretary's export has no attendance of this member.
        assertTrue(export(w.secretary()).get("sections").get("attendance").isEmpty());
        assertEquals(401, api().get("/me/data-export", null).status());
    }

    @Test
    void retentionBlanksOldCoordinatesAndDeletesSpentTokens() {
        World w = world(TestDates.at(-200, 10, 0));
        retention.run();
        assertEquals(31.2304, export(w.member()).get("sections").get("attendance").get(0).get("latitude").asDouble(),
                1e-9, "a fresh check-in keeps its coordinates");
        // 91 days on: the coordinates go, the check-in stays; the sign-in's refresh token expired 30 days after it
        // was issued and has been spent for more than 7 days, so it goes too.
        clock.set(TestDates.at(-200, 10, 0).plus(Duration.ofDays(91)));
        assertTrue(retention.run() > 0);
        retention.run(); // a second (or a concurrent) pass finds nothing more and does no harm
        JsonNode sections = export(w.member()).get("sections");
        JsonNode attendance = sections.get("attendance").get(0);
        assertTrue(attendance.path("latitude").isMissingNode() || attendance.get("latitude").isNull(), attendance::toString);
        assertEquals(w.meetingId(), attendance.get("meetingId").asLong());
        for (JsonNode signIn : sections.get("signIns")) {
            // only the token the export itself was called with (issued now) remains
            assertTrue(Instant.parse(signIn.get("createdAt").asText()).isAfter(TestDates.at(-200, 10, 0)
                    .plus(Duration.ofDays(90))), sections.get("signIns")::toString);
        }
    }

    @Test
    void systemAdminErasesADepartedMemberKeepingCountsAndLedger() {
        World w = world(TestDates.at(0, 10, 0));
        long memberId = w.member().id();
        String admin = fixtures.token(fixtures.systemAdmin());
        String secretary = fixtures.token(w.secretary());
        int pointsBefore = points.totalOf(memberId);
        assertTrue(pointsBefore > 0);

        Api.Response stillEnabled = api().post("/admin/members/" + memberId + "/erase", admin, null);
        assertEquals(409, stillEnabled.status(), stillEnabled::toString);
        assertEquals("MEMBER_ENABLED", stillEnabled.code());
        assertEquals(200, api().post("/branches/" + w.branch().id() + "/members/" + memberId + "/disable", secretary,
                null).status());
        Api.Response bySecretary = api().post("/admin/members/" + memberId + "/erase", secretary, null);
        assertEquals(403, bySecretary.status(), bySecretary::toString);
        assertEquals(404, api().post("/admin/members/999999999/erase", admin, null).status());

        Api.Response erased = api().post("/admin/members/" + memberId + "/erase", admin, null);
        assertEquals(200, erased.status(), erased::toString);
        assertEquals(memberId, erased.json().get("memberId").asLong());
        assertEquals(200, api().post("/admin/members/" + memberId + "/erase", admin, null).status(), "idempotent");

        Member after = members.findById(memberId).orElseThrow();
        assertEquals(MemberPrivacyStore.ERASED_NAME, after.name());
        assertEquals("erased-" + memberId, after.phone());
        assertEquals(null, after.passwordHash());
        assertEquals(w.branch().id(), after.branchId(), "still counted in the branch");
        // The ledger's arithmetic and the attendance count are intact; the coordinates are gone.
        assertEquals(pointsBefore, points.totalOf(memberId));
        Api.Response attendance = api().get("/meetings/" + w.meetingId() + "/attendance", secretary);
        assertTrue(attendance.body().contains("\"memberId\":" + memberId), attendance::toString);
        assertTrue(attendance.body().contains(MemberPrivacyStore.ERASED_NAME), attendance::toString);
        assertEquals(401, api().post("/auth/login", null, Map.of("phone", w.member().phone(), "password",
                Fixtures.PASSWORD)).status(), "no sign-in any more");
    }
}
