package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minutes are kept with the attendance in the record book; attendance and summaries export as CSV and Excel. */
@MicronautTest(transactional = false)
class RecordBookAndExportTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private Member present;
    private Member absent;
    private long meetingId;
    private final Instant start = TestDates.at(0, 19, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        present = fixtures.member(branch);
        absent = fixtures.member(branch);
        clock.set(start);
        meetingId = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
        meetings.checkIn(meetingId, fixtures.token(present), meetings.code(meetingId, secretary));
        clock.set(start.plus(Duration.ofHours(2)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void minutesAreRecordedAfterClosingAndKeptWithTheAttendance() {
        Map<String, Object> minutes = Map.of("content", "学习《廉洁自律准则》，讨论诚信经营。",
                "speakers", List.of("李书记", "张党员"), "resolutions", List.of("每月开展一次诚信经营承诺"));
        var early = api().put("/meetings/" + meetingId + "/minutes", secretary, minutes);
        assertEquals(409, early.status());
        assertEquals("MEETING_NOT_CLOSED", early.code());
        meetings.close(meetingId, secretary);
        var recorded = api().put("/meetings/" + meetingId + "/minutes", secretary, minutes);
        assertEquals(200, recorded.status(), recorded::toString);
        assertEquals("学习党章", recorded.json().get("topic").asText());
        assertEquals(2, recorded.json().get("speakers").size());

        var book = api().get("/branches/" + branch.id() + "/record-book?year=" + TestDates.year(), secretary).json();
        assertEquals(1, book.get("entries").size());
        var entry = book.get("entries").get(0);
        assertEquals(meetingId, entry.get("meeting").get("id").asLong());
        assertEquals(1, entry.get("attendance").get("present").asInt());
        assertEquals(2, entry.get("attendance").get("absent").asInt(), "the member and the secretary");
        assertTrue(entry.get("absentees").toString().contains(absent.name()));
        assertEquals("每月开展一次诚信经营承诺", entry.get("minutes").get("resolutions").get(0).asText());
        assertEquals(0, api().get("/branches/" + branch.id() + "/record-book?year=" + (TestDates.year() - 1), secretary).json()
                .path("entries").size());
    }

    @Test
    void attendanceExportsAsCsvAndExcel() throws Exception {
        meetings.close(meetingId, secretary);
        HttpResponse<byte[]> csv = meetings.bytes("/meetings/" + meetingId + "/attendance/export?format=csv", secretary);
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains(".csv"));
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "a byte-order mark for Excel");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        assertEquals(3, rows.size());
        CSVRecord first = rows.get(0);
        assertEquals(present.id().toString(), first.get("memberId"));
        assertEquals("PRESENT", first.get("status"));
        assertTrue(first.get("checkedInAt").startsWith(TestDates.today() + " 19:0"),
                "Asia/Shanghai local time, as printed: " + first.get("checkedInAt"));

        HttpResponse<byte[]> xlsx = meetings.bytes("/meetings/" + meetingId + "/attendance/export?format=xlsx",
                secretary);
        assertEquals(Exports.XLSX, xlsx.headers().firstValue("Content-Type").orElseThrow());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("status", sheet.getRow(0).getCell(2).getStringCellValue());
            assertEquals(3, sheet.getLastRowNum());
            assertEquals("PRESENT", sheet.getRow(1).getCell(2).getStringCellValue());
        }
        assertEquals("VALIDATION_FAILED", api().get("/meetings/" + meetingId + "/attendance/export?format=pdf",
                secretary).code());
    }

    @Test
    void textThatWouldRunAsAFormulaIsExportedAsText() throws Exception {
        meetings.close(meetingId, secretary);
        var marked = api().post("/meetings/" + meetingId + "/attendance/" + absent.id() + "/mark-present", secretary,
                Map.of("reason", "=HYPERLINK(\"http://example.invalid\",\"x\")"));
        assertTrue(marked.status() == 200 || marked.status() == 201, marked::toString);
        HttpResponse<byte[]> csv = meetings.bytes("/meetings/" + meetingId + "/attendance/export?format=csv", secretary);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        CSVRecord row = rows.stream().filter(r -> r.get("memberId").equals(absent.id().toString())).findFirst()
                .orElseThrow();
        assertEquals("'=HYPERLINK(\"http://example.invalid\",\"x\")", row.get("reason"));
    }

    @Test
    void periodSummaryAndRecordBookExport() throws Exception {
        meetings.close(meetingId, secretary);
        api().put("/meetings/" + meetingId + "/minutes", secretary, Map.of("content", "会议内容"));
        HttpResponse<byte[]> summary = meetings.bytes("/branches/" + branch.id()
                + "/attendance/export?from=" + TestDates.month().atDay(1) + "&to=" + TestDates.month().atEndOfMonth() + "&format=xlsx", secretary);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(summary.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(3, sheet.getLastRowNum(), "one row per member");
            assertEquals("attendanceRate", sheet.getRow(0).getCell(7).getStringCellValue());
        }
        HttpResponse<byte[]> book = meetings.bytes("/branches/" + branch.id() + "/record-book/export?year=" + TestDates.year() + "&format=csv",
                secretary);
        String text = new String(book.body(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        assertEquals(1, rows.size());
        assertEquals("会议内容", rows.get(0).get("content"));
        assertEquals(TestDates.today().toString(), rows.get(0).get("date"));
        assertEquals("BRANCH_GENERAL_MEETING", rows.get(0).get("type"));
    }
}
