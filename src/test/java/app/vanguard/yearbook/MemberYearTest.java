package app.vanguard.yearbook;

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
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static app.vanguard.yearbook.YearFixtures.assertHours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One member's year: reading, attendance by type with hours, dues, points; JSON and .xlsx; who may read it. */
@MicronautTest(transactional = false)
class MemberYearTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theYearGathersReadingMeetingsDuesAndPointsForTheMemberAndTheirBranch() throws Exception {
        LocalDate tenth = TestDates.month().atDay(10);
        clock.set(TestDates.at(tenth, 8, 0));
        int year = TestDates.year();
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Organisation other = fixtures.branch(committee);
        String secretary = fixtures.token(fixtures.secretary(branch));
        Member m = fixtures.member(branch);
        Member peer = fixtures.member(branch);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String member = fixtures.token(m);
        YearFixtures fx = new YearFixtures(api(), clock);

        fx.read(member, fx.reader(fixtures.token(fixtures.systemAdmin())).get(0), Duration.ofMinutes(6));
        fx.hold(branch.id(), secretary, admin, "PARTY_LESSON", TestDates.at(tenth.plusDays(1), 10, 0), List.of(m.id()));
        assertEquals(200, api().put("/members/" + m.id() + "/dues-rate", secretary, Map.of("amountFen", 2500,
                "fromMonth", TestDates.month().toString())).status());
        assertEquals(201, api().post("/members/" + m.id() + "/dues-payments", secretary, Map.of("month",
                TestDates.month().toString(), "amountFen", 2500, "paidOn", tenth.toString(), "method", "CASH")).status());

        Api.Response r = api().get("/members/" + m.id() + "/years/" + year, member);
        assertEquals(200, r.status(), r::toString);
        JsonNode y = r.json();
        assertEquals(LocalDate.of(year, 1, 1).toString(), y.path("from").asText());
        assertEquals(1, y.path("reading").path("articlesRead").asInt());
        assertHours("0.1", y.path("reading").path("readingHours"), "6 minutes");
        assertEquals(1, y.path("attendance").path("attended").asInt());
        assertEquals("PARTY_LESSON", y.path("meetings").get(0).path("type").asText());
        assertHours("2.1", y.path("totalHours"), "reading + lesson");
        assertEquals(1, y.path("dues").path("monthsPaid").asInt());
        assertEquals(2500, y.path("dues").path("paidFen").asLong());
        assertEquals(0, y.path("dues").path("monthsBehind").asInt());
        assertTrue(y.path("commitments").isArray());
        long byAction = 0;
        for (JsonNode a : y.path("points").path("byAction")) {
            byAction += a.path("points").asLong();
        }
        assertEquals(byAction, y.path("points").path("total").asLong());
        Api.Response ledger = api().get("/me/points?from=" + year + "-01-01&to=" + clockDate(), member);
        assertEquals(ledger.json().path("points").asLong(), y.path("points").path("total").asLong());
        // The same figures as the study-hours endpoint for the year so far.
        JsonNode hours = api().get("/members/" + m.id() + "/study-hours?period=" + year, member).json();
        assertEquals(0, YearFixtures.dec(hours.path("totalHours")).compareTo(YearFixtures.dec(y.path("totalHours"))));

        // The printable workbook, by Accept and by ?format=xlsx.
        for (boolean byAccept : new boolean[]{true, false}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve("/members/" + m.id()
                    + "/years/" + year + (byAccept ? "" : "?format=xlsx"))).header("Authorization", "Bearer " + secretary);
            if (byAccept) {
                request.header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }
            HttpResponse<byte[]> file = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
                assertEquals(m.name(), book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue());
                assertEquals(1, book.getSheet("meetings").getLastRowNum());
            }
        }

        // Who may read it.
        String committeeMember = fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch));
        assertEquals(200, api().get("/members/" + m.id() + "/years/" + year, committeeMember).status());
        assertEquals(200, api().get("/members/" + m.id() + "/years/" + year, admin).status());
        assertEquals(403, api().get("/members/" + m.id() + "/years/" + year, fixtures.token(peer)).status());
        assertEquals(403, api().get("/members/" + m.id() + "/years/" + year,
                fixtures.token(fixtures.secretary(other))).status());
        assertEquals(403, api().get("/members/" + m.id() + "/years/" + year,
                fixtures.token(fixtures.orgAdmin(fixtures.committee()))).status());
        assertEquals(400, api().get("/members/" + m.id() + "/years/" + (year + 1), member).status());
        assertEquals(400, api().get("/members/" + m.id() + "/years/" + year + "?format=pdf", member).status());
    }

    private String clockDate() {
        return LocalDate.ofInstant(clock.instant(), TestDates.SHANGHAI).toString();
    }
}
