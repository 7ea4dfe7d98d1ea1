package app.vanguard.checkin;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Meeting evidence: host, recorder and lecturer (the secretary's yearly Party lesson as a compliance requirement),
 * attachments checked by content (a renamed executable refused, images thumbnailed), and guests of an open Party
 * lesson recorded apart from the branch's own attendance.
 */
@MicronautTest(transactional = false)
class MeetingEvidenceTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long schedule(long branchId, String secretary, String type, Instant startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("topic", "党课：学习党章");
        body.put("place", "党群服务中心");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusSeconds(5400).toString());
        Api.Response r = api().post("/branches/" + branchId + "/meetings", secretary, body);
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asLong();
    }

    private void close(long meetingId, String secretary, Instant startsAt) {
        clock.set(startsAt.plusSeconds(7200));
        Api.Response r = api().post("/meetings/" + meetingId + "/close", secretary, null);
        assertEquals(200, r.status(), r::toString);
    }

    @Test
    void theSecretarysYearlyPartyLessonIsAComplianceRequirement() {
        int last = TestDates.year() - 1;
        Instant start = TestDates.at(LocalDate.of(last, 3, 2), 10, 0);
        clock.set(TestDates.at(LocalDate.of(last, 3, 1), 8, 0));
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Organisation b = fixtures.branch(committee);
        Member secretaryA = fixtures.secretary(a);
        String secA = fixtures.token(secretaryA);
        String secB = fixtures.token(fixtures.secretary(b));
        Member host = fixtures.member(a);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        long lessonA = schedule(a.id(), secA, "PARTY_LESSON", start);
        long lessonB = schedule(b.id(), secB, "PARTY_LESSON", start);
        long dayA = schedule(a.id(), secA, "THEMED_PARTY_DAY", start.plusSeconds(86400));
        close(lessonA, secA, start);
        close(lessonB, secB, start);

        Api.Response roles = api().put("/meetings/" + lessonA + "/record-roles", secA, Map.of("hostMemberId", host.id(),
                "recorderMemberId", host.id(), "lecturer", Map.of("memberId", secretaryA.id())));
        assertEquals(200, roles.status(), roles::toString);
        assertEquals(secretaryA.id(), roles.json().path("lecturer").path("memberId").asLong());
        assertEquals(host.name(), roles.json().path("host").path("name").asText());
        Api.Response outside = api().put("/meetings/" + lessonB + "/record-roles", secB, Map.of("lecturer",
                Map.of("name", "周教授", "title", "市委党校教授")));
        assertEquals(200, outside.status(), outside::toString);
        assertTrue(outside.json().path("lecturer").path("outsideSpeaker").asBoolean());
        // Refused: a lecturer on a meeting other than a Party lesson, both kinds of lecturer, a speaker without title.
        assertEquals(400, api().put("/meetings/" + dayA + "/record-roles", secA, Map.of("lecturer",
                Map.of("memberId", secretaryA.id()))).status());
        assertEquals(400, api().put("/meetings/" + lessonB + "/record-roles", secB, Map.of("lecturer",
                Map.of("memberId", secretaryA.id(), "name", "周教授", "title", "教授"))).status());
        assertEquals(400, api().put("/meetings/" + lessonB + "/record-roles", secB, Map.of("lecturer",
                Map.of("name", "周教授"))).status());
        assertEquals(403, api().put("/meetings/" + lessonA + "/record-roles", secB, Map.of("hostMemberId",
                host.id())).status());

        clock.reset();
        Api.Response report = api().get("/orgs/" + committee.id() + "/compliance?period=" + last, admin);
        assertEquals(200, report.status(), report::toString);
        for (JsonNode item : report.json().path("items")) {
            JsonNode lesson = item.path("secretaryLesson");
            if (item.path("branchId").asLong() == a.id()) {
                assertEquals("GIVEN", lesson.path("state").asText(), item::toString);
                assertEquals(1, lesson.path("lessonsBySecretary").asInt());
            } else {
                assertEquals("MISSING", lesson.path("state").asText(), item::toString);
                assertFalse(item.path("compliant").asBoolean());
            }
        }
        // A quarter's report does not judge the yearly rule; the record book names the lecturer.
        JsonNode quarter = api().get("/orgs/" + committee.id() + "/compliance?period=" + last + "-Q1", admin).json()
                .path("items").get(0).path("secretaryLesson");
        assertTrue(quarter.isMissingNode() || quarter.isNull(), quarter::toString);
        JsonNode book = api().get("/branches/" + a.id() + "/record-book?year=" + last, secA).json();
        assertEquals(secretaryA.name(), book.path("entries").get(0).path("evidence").path("roles").path("lecturer")
                .path("name").asText());
    }

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xCC0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] xlsx() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("签到").createRow(0).createCell(0).setCellValue("张党员");
            book.write(out);
            return out.toByteArray();
        }
    }

    private Api.Response upload(long meetingId, String token, String fileName, String declaredType, byte[] bytes) {
        String boundary = "----vanguard" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api().sendBytes("POST", "/meetings/" + meetingId + "/attachments", token,
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private byte[] bytes(String path, String token) throws Exception {
        Api.Response checked = api().get(path, token);
        assertEquals(200, checked.status(), checked::toString);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Test
    void attachmentsAreCheckedByContentThumbnailedAndListedInTheRecordBook() throws Exception {
        LocalDate tenth = TestDates.month().atDay(10);
        Instant start = TestDates.at(tenth.plusDays(1), 10, 0);
        clock.set(TestDates.at(tenth, 8, 0));
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        Member member = fixtures.member(a);
        long meeting = schedule(a.id(), secA, "THEMED_PARTY_DAY", start);
        close(meeting, secA, start);

        byte[] photo = png(1200, 900);
        Api.Response image = upload(meeting, secA, "现场照片.png", "image/png", photo);
        assertEquals(201, image.status(), image::toString);
        assertEquals("IMAGE", image.json().path("kind").asText());
        assertEquals("image/png", image.json().path("contentType").asText());
        assertTrue(image.json().path("thumbnail").asBoolean());
        long imageId = image.json().path("id").asLong();
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(bytes("/meetings/" + meeting + "/attachments/"
                + imageId + "/thumbnail", secA)));
        assertEquals(320, thumb.getWidth());
        assertEquals(240, thumb.getHeight());
        assertArrayEquals(photo, bytes("/meetings/" + meeting + "/attachments/" + imageId, secA));

        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
        Api.Response doc = upload(meeting, secA, "会议记录.pdf", "application/pdf", pdf);
        assertEquals(201, doc.status(), doc::toString);
        assertEquals("PDF", doc.json().path("kind").asText());
        assertFalse(doc.json().path("thumbnail").asBoolean());
        Api.Response sheet = upload(meeting, secA, "签到表.xlsx", "application/octet-stream", xlsx());
        assertEquals(201, sheet.status(), sheet::toString);
        assertEquals("OFFICE", sheet.json().path("kind").asText());

        // A Windows executable renamed to .jpg and sent as a JPEG: refused by its content; so is plain text as .pdf.
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exe, 0x80, 4);
        Api.Response renamed = upload(meeting, secA, "photo.jpg", "image/jpeg", exe);
        assertEquals(415, renamed.status(), renamed::toString);
        assertEquals("ATTACHMENT_TYPE_REFUSED", renamed.code());
        Api.Response text = upload(meeting, secA, "report.pdf", "application/pdf",
                "just some text".getBytes(StandardCharsets.UTF_8));
        assertEquals("ATTACHMENT_TYPE_REFUSED", text.code());
        Api.Response zip = upload(meeting, secA, "files.docx", "application/octet-stream", zipOf("readme.txt"));
        assertEquals("ATTACHMENT_TYPE_REFUSED", zip.code());

        // Who may: the secretary uploads; a member may not; the branch committee reads; another branch nothing.
        assertEquals(403, upload(meeting, fixtures.token(member), "a.png", "image/png", photo).status());
        String committeeMember = fixtures.token(fixtures.withRole(fixtures.member(a), Role.COMMITTEE_MEMBER, a));
        assertEquals(403, upload(meeting, committeeMember, "a.png", "image/png", photo).status());
        Api.Response evidence = api().get("/meetings/" + meeting + "/evidence", committeeMember);
        assertEquals(200, evidence.status(), evidence::toString);
        assertEquals(3, evidence.json().path("attachments").size());
        String secB = fixtures.token(fixtures.secretary(b));
        assertEquals(403, api().get("/meetings/" + meeting + "/evidence", secB).status());
        assertEquals(403, api().get("/meetings/" + meeting + "/attachments/" + imageId, secB).status());
        assertEquals(403, api().get("/meetings/" + meeting + "/evidence",
                fixtures.token(fixtures.orgAdmin(fixtures.committee()))).status());

        // The record book and its export list them.
        JsonNode book = api().get("/branches/" + a.id() + "/record-book?year=" + start.atZone(TestDates.SHANGHAI)
                .getYear(), secA).json();
        assertEquals(3, book.path("entries").get(0).path("evidence").path("attachments").size());
        String csv = new String(bytes("/branches/" + a.id() + "/record-book/export?format=csv&year="
                + start.atZone(TestDates.SHANGHAI).getYear(), secA), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertTrue(rows.get(0).get("attachments").contains("现场照片.png"), rows.get(0).toString());

        assertEquals(204, api().delete("/meetings/" + meeting + "/attachments/" + imageId, secA).status());
        assertEquals(404, api().get("/meetings/" + meeting + "/attachments/" + imageId, secA).status());
    }

    private static byte[] zipOf(String name) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void anOpenPartyLessonRecordsGuestsApartFromTheBranchsOwnAttendance() {
        LocalDate tenth = TestDates.month().atDay(10);
        Instant start = TestDates.at(tenth.plusDays(1), 19, 0);
        clock.set(TestDates.at(tenth, 8, 0));
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        Member own = fixtures.member(a);
        Member visitor = fixtures.member(b);
        long lesson = schedule(a.id(), secA, "PARTY_LESSON", start);
        long day = schedule(a.id(), secA, "THEMED_PARTY_DAY", start.plusSeconds(86400));

        Api.Response invited = api().post("/meetings/" + lesson + "/guests", secA, Map.of("memberId", visitor.id()));
        assertEquals(201, invited.status(), invited::toString);
        assertTrue(invited.json().path("partyMember").asBoolean());
        assertEquals(visitor.name(), invited.json().path("name").asText());
        Api.Response outsider = api().post("/meetings/" + lesson + "/guests", secA, Map.of("name", "王师傅",
                "organisation", "东门市场个体户"));
        assertEquals(201, outsider.status(), outsider::toString);
        assertFalse(outsider.json().path("partyMember").asBoolean());
        assertEquals("GUEST_IS_OWN_MEMBER", api().post("/meetings/" + lesson + "/guests", secA,
                Map.of("memberId", own.id())).code());
        assertEquals("ALREADY_INVITED", api().post("/meetings/" + lesson + "/guests", secA,
                Map.of("memberId", visitor.id())).code());
        assertEquals("NOT_A_PARTY_LESSON", api().post("/meetings/" + day + "/guests", secA,
                Map.of("name", "王师傅")).code());
        assertEquals(400, api().post("/meetings/" + lesson + "/guests", secA, Map.of()).status());
        long guestId = invited.json().path("id").asLong();
        assertEquals("MEETING_NOT_STARTED", api().post("/meetings/" + lesson + "/guests/" + guestId + "/attended",
                secA, null).code());

        clock.set(start.plusSeconds(600));
        Api.Response came = api().post("/meetings/" + lesson + "/guests/" + guestId + "/attended", secA, null);
        assertEquals(200, came.status(), came::toString);
        assertTrue(came.json().path("attended").asBoolean());
        close(lesson, secA, start);

        // The branch's own attendance knows nothing of the guests; the record book shows them apart.
        JsonNode list = api().get("/meetings/" + lesson + "/attendance", secA).json();
        assertEquals(2, list.path("items").size()); // the secretary and the branch's member
        JsonNode entry = api().get("/branches/" + a.id() + "/record-book?year=" + start.atZone(TestDates.SHANGHAI)
                .getYear(), secA).json().path("entries").get(0);
        assertEquals(2, entry.path("attendance").path("expected").asInt());
        assertEquals(2, entry.path("evidence").path("guests").size());
        assertEquals(1, entry.path("evidence").path("guestsAttended").asInt());
        assertEquals(403, api().post("/meetings/" + lesson + "/guests", fixtures.token(visitor),
                Map.of("name", "李四")).status());
    }
}
