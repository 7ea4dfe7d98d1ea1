package app.vanguard.yearbook;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static app.vanguard.yearbook.YearFixtures.dec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committee's dashboard: its figures are the sums the underlying endpoints report; bottom children named; access. */
@MicronautTest(transactional = false)
class DashboardTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void figuresEqualTheUnderlyingEndpointsAndTheLaggardsAreNamed() throws Exception {
        YearMonth month = TestDates.month();
        LocalDate tenth = month.atDay(10);
        clock.set(TestDates.at(tenth, 8, 0));
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        Organisation a = fixtures.branch(general);
        Organisation b = fixtures.branch(committee);
        Organisation c = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        String secB = fixtures.token(fixtures.secretary(b));
        fixtures.secretary(c);
        Member a1 = fixtures.member(a);
        Member b1 = fixtures.member(b);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        YearFixtures fx = new YearFixtures(api(), clock);

        // A files a plan with this month's Party lesson and holds it (a1 present); B holds a themed day nobody attends.
        assertEquals(200, api().put("/branches/" + a.id() + "/meeting-plans/" + month.getYear(), secA, Map.of("items",
                List.of(Map.of("month", month.getMonthValue(), "type", "PARTY_LESSON"),
                        Map.of("month", month.getMonthValue(), "type", "THEMED_PARTY_DAY")))).status());
        fx.read(fixtures.token(a1), fx.reader(fixtures.token(fixtures.systemAdmin())).get(0), Duration.ofMinutes(12));
        fx.hold(a.id(), secA, admin, "PARTY_LESSON", TestDates.at(tenth.plusDays(1), 10, 0), List.of(a1.id()));
        fx.hold(b.id(), secB, admin, "THEMED_PARTY_DAY", TestDates.at(tenth.plusDays(2), 10, 0), List.of());
        // B's member owes two ended months.
        assertEquals(200, api().put("/members/" + b1.id() + "/dues-rate", secB, Map.of("amountFen", 1500,
                "fromMonth", month.minusMonths(2).toString())).status());

        String from = month.atDay(1).toString();
        String to = month.atEndOfMonth().toString();
        Api.Response r = api().get("/orgs/" + committee.id() + "/dashboard?from=" + from + "&to=" + to, admin);
        assertEquals(200, r.status(), r::toString);
        JsonNode d = r.json();
        JsonNode total = d.path("total");
        assertEquals(3, d.path("children").size());
        assertEquals(3, total.path("branches").asInt());

        // Study hours = /orgs/{id}/study-hours; attendance = its meetings attended.
        JsonNode hours = api().get("/orgs/" + committee.id() + "/study-hours?period=" + month, admin).json().path("total");
        assertEquals(0, dec(hours.path("totalHours")).compareTo(dec(total.path("studyHours"))));
        assertEquals(hours.path("members").asInt(), total.path("members").asInt());
        assertEquals(hours.path("articlesRead").asInt(), total.path("articlesRead").asInt());
        assertEquals(hours.path("meetingsAttended").asInt(), total.path("attended").asInt());
        // Dues = /orgs/{id}/dues-arrears.
        JsonNode arrears = api().get("/orgs/" + committee.id() + "/dues-arrears", admin).json().path("total");
        assertEquals(arrears.path("membersInArrears").asInt(), total.path("duesMembersInArrears").asInt());
        assertEquals(arrears.path("owedFen").asLong(), total.path("duesOwedFen").asLong());
        assertEquals(3000, total.path("duesOwedFen").asLong());
        // Identity = /orgs/{id}/identity-figures.
        JsonNode identity = api().get("/orgs/" + committee.id() + "/identity-figures?from=" + from + "&to=" + to,
                admin).json().path("total");
        assertEquals(identity.path("received").asLong(), total.path("declarationsReceived").asLong());
        assertEquals(identity.path("verified").asLong(), total.path("declarationsVerified").asLong());
        // Meetings held and the plan = /orgs/{id}/compliance of the month.
        JsonNode compliance = api().get("/orgs/" + committee.id() + "/compliance?period=" + month, admin).json();
        int held = 0;
        int planned = 0;
        int plannedHeld = 0;
        for (JsonNode item : compliance.path("items")) {
            held += item.path("meetingsHeld").asInt();
            planned += item.path("plan").path("planned").asInt();
            plannedHeld += item.path("plan").path("held").asInt();
        }
        assertEquals(held, total.path("meetingsHeld").asInt());
        assertEquals(2, held);
        assertEquals(planned, total.path("planned").asInt());
        assertEquals(plannedHeld, total.path("plannedHeld").asInt());
        assertEquals(0.5, total.path("complianceRate").asDouble());

        // Children: the general branch carries A; each child is the sum of its branches.
        JsonNode g = child(d, general.id());
        assertEquals(1, g.path("figures").path("branches").asInt());
        assertEquals(1, g.path("figures").path("attended").asInt());
        JsonNode bottomAttendance = bottom(d, "attendanceRate");
        assertEquals(b.id(), bottomAttendance.get(0).path("orgId").asLong()); // B: nobody came
        JsonNode bottomDues = bottom(d, "duesPaidUp");
        assertEquals(b.id(), bottomDues.get(0).path("orgId").asLong());

        // The .xlsx report: a row per child and the total.
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(
                "/orgs/" + committee.id() + "/dashboard?from=" + from + "&to=" + to + "&format=xlsx"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            assertEquals(4, book.getSheetAt(0).getLastRowNum());
            Row last = book.getSheetAt(0).getRow(4);
            assertEquals("TOTAL", last.getCell(2).getStringCellValue());
            assertEquals(2, (int) last.getCell(5).getNumericCellValue());
        }

        // Who may read it: the committee's admins; a branch's own to its secretary; nobody else.
        assertEquals(403, api().get("/orgs/" + committee.id() + "/dashboard", secA).status());
        assertEquals(200, api().get("/orgs/" + a.id() + "/dashboard", secA).status());
        assertEquals(403, api().get("/orgs/" + a.id() + "/dashboard", secB).status());
        assertEquals(403, api().get("/orgs/" + a.id() + "/dashboard", fixtures.token(a1)).status());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/dashboard",
                fixtures.token(fixtures.orgAdmin(fixtures.committee()))).status());
        assertEquals(400, api().get("/orgs/" + committee.id() + "/dashboard?from=" + to + "&to=" + from, admin).status());
        assertTrue(api().get("/orgs/" + general.id() + "/dashboard", admin).json().path("children").size() == 1);
    }

    private static JsonNode child(JsonNode d, long id) {
        for (JsonNode c : d.path("children")) {
            if (c.path("orgId").asLong() == id) {
                return c;
            }
        }
        throw new AssertionError("no child " + id);
    }

    private static JsonNode bottom(JsonNode d, String measure) {
        for (JsonNode b : d.path("bottom")) {
            if (b.path("measure").asText().equals(measure)) {
                return b.path("children");
            }
        }
        throw new AssertionError("no measure " + measure);
    }
}
