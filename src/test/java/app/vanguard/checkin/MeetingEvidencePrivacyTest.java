package app.vanguard.checkin;

import app.vanguard.org.Member;
import app.vanguard.org.MemberPrivacyStore;
import app.vanguard.org.Organisation;
import app.vanguard.shared.RetentionJob;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.PersonalDataRows;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 13 for meeting evidence: a member's visits as another branch's guest, the meetings they hosted or
 * recorded and the attachments they uploaded are in their data export; erasure takes their name off the guest row
 * while the record book's guest and attendance counts, the roles and the attachments stay.
 */
@MicronautTest(transactional = false)
class MeetingEvidencePrivacyTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PersonalDataRows rows;

    @Inject
    RetentionJob retention;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long lesson(long branchId, String secretary, Instant startsAt) {
        Api.Response r = api().post("/branches/" + branchId + "/meetings", secretary, Map.of("type", "PARTY_LESSON",
                "topic", "党课：学习党章", "place", "党群服务中心", "startsAt", startsAt.toString(),
                "endsAt", startsAt.plusSeconds(5400).toString()));
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asLong();
    }

    private Api.Response upload(long meetingId, String token, String fileName, byte[] bytes) {
        String boundary = "----vanguard" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api().sendBytes("POST", "/meetings/" + meetingId + "/attachments", token,
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    @Test
    void guestVisitsRolesAndUploadsAreExportedAndTheCountsSurviveErasure() {
        LocalDate tenth = TestDates.month().atDay(10);
        Instant start = TestDates.at(tenth.plusDays(1), 19, 0);
        clock.set(TestDates.at(tenth, 8, 0));
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        Member subject = fixtures.secretary(b); // visits branch a's lesson, hosts and records branch b's
        String secB = fixtures.token(subject);
        long lessonA = lesson(a.id(), secA, start);
        long lessonB = lesson(b.id(), secB, start.plusSeconds(86400));

        Api.Response invited = api().post("/meetings/" + lessonA + "/guests", secA, Map.of("memberId", subject.id()));
        assertEquals(201, invited.status(), invited::toString);
        assertEquals(201, api().post("/meetings/" + lessonA + "/guests", secA, Map.of("name", "王师傅",
                "organisation", "东门市场个体户")).status());
        clock.set(start.plusSeconds(600));
        long guestId = invited.json().path("id").asLong();
        assertEquals(200, api().post("/meetings/" + lessonA + "/guests/" + guestId + "/attended", secA, null).status());
        clock.set(start.plusSeconds(7200));
        assertEquals(200, api().post("/meetings/" + lessonA + "/close", secA, null).status());
        clock.set(start.plusSeconds(86400 + 7200));
        assertEquals(200, api().post("/meetings/" + lessonB + "/close", secB, null).status());
        Api.Response roles = api().put("/meetings/" + lessonB + "/record-roles", secB, Map.of("hostMemberId",
                subject.id(), "recorderMemberId", subject.id(), "lecturer", Map.of("memberId", subject.id())));
        assertEquals(200, roles.status(), roles::toString);
        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
        Api.Response uploaded = upload(lessonB, secB, "会议记录.pdf", pdf);
        assertEquals(201, uploaded.status(), uploaded::toString);

        Api.Response export = api().get("/me/data-export", secB);
        assertEquals(200, export.status(), export::toString);
        JsonNode sections = export.json().get("sections");
        JsonNode visit = sections.get("meetingGuestVisits").get(0);
        assertEquals(lessonA, visit.get("meetingId").asLong());
        assertEquals(subject.name(), visit.get("name").asText());
        assertTrue(visit.get("attended").asBoolean(), visit::toString);
        JsonNode role = sections.get("meetingRecordRoles").get(0);
        assertEquals(lessonB, role.get("meetingId").asLong());
        assertEquals(1, role.get("host").asInt(), role::toString);
        assertEquals("会议记录.pdf", sections.get("meetingAttachments").get(0).get("fileName").asText());
        // The other branch's secretary sees none of it in their own export.
        assertTrue(api().get("/me/data-export", secA).json().get("sections").get("meetingGuestVisits").isEmpty());

        int year = start.atZone(TestDates.SHANGHAI).getYear();
        JsonNode bookBefore = api().get("/branches/" + a.id() + "/record-book?year=" + year, secA).json();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response disabled = api().post("/branches/" + b.id() + "/members/" + subject.id() + "/disable", admin, null);
        assertEquals(200, disabled.status(), disabled::toString);
        Api.Response erased = api().post("/admin/members/" + subject.id() + "/erase",
                fixtures.token(fixtures.systemAdmin()), null);
        assertEquals(200, erased.status(), erased::toString);

        JsonNode bookAfter = api().get("/branches/" + a.id() + "/record-book?year=" + year, secA).json();
        JsonNode evidenceBefore = bookBefore.path("entries").get(0).path("evidence");
        JsonNode evidenceAfter = bookAfter.path("entries").get(0).path("evidence");
        assertEquals(2, evidenceAfter.path("guests").size());
        assertEquals(evidenceBefore.path("guestsAttended"), evidenceAfter.path("guestsAttended"));
        assertEquals(bookBefore.path("entries").get(0).path("attendance"),
                bookAfter.path("entries").get(0).path("attendance"));
        assertTrue(evidenceAfter.toString().contains("王师傅"), "the outside guest stays");
        Map<String, List<Map<String, Object>>> left = rows.of(subject.id());
        assertEquals(MemberPrivacyStore.ERASED_NAME, left.get("meetingGuestVisits").get(0).get("name"));
        assertEquals(1, left.get("meetingRecordRoles").size(), "the roles stay");
        assertEquals(1, left.get("meetingAttachments").size(), "the meeting's attachment stays");

        // Retention: three years after the invitation the outside guest's name and workplace go, the row stays.
        retention.run();
        assertTrue(api().get("/branches/" + a.id() + "/record-book?year=" + year, secA).json().toString()
                .contains("王师傅"), "a recent guest keeps their name");
        clock.set(start.plus(Duration.ofDays(3 * 365 + 1)));
        assertTrue(retention.run() > 0);
        JsonNode evidenceLater = api().get("/branches/" + a.id() + "/record-book?year=" + year, secA).json()
                .path("entries").get(0).path("evidence");
        assertFalse(evidenceLater.toString().contains("王师傅") || evidenceLater.toString().contains("东门市场"),
                evidenceLater::toString);
        assertTrue(evidenceLater.toString().contains(CheckInPrivacyStore.FORMER_GUEST), evidenceLater::toString);
        assertEquals(2, evidenceLater.path("guests").size());
        assertEquals(evidenceBefore.path("guestsAttended"), evidenceLater.path("guestsAttended"));
    }
}
