package app.vanguard.dues;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Party dues: amounts, payments, arrears across a year boundary, figures, export, import and who may do what. */
@MicronautTest(transactional = false)
class DuesTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** February 10 of the year after the base year (Asia/Shanghai): last year's months have all ended. */
    private static LocalDate today() {
        return LocalDate.of(TestDates.year() + 1, 2, 10);
    }

    private static String month(int year, int month) {
        return YearMonth.of(year, month).toString();
    }

    private void rate(String token, long memberId, long fen, String from) {
        Api.Response r = api().put("/members/" + memberId + "/dues-rate", token, Map.of("amountFen", fen,
                "fromMonth", from));
        assertEquals(200, r.status(), r::toString);
    }

    private Api.Response pay(String token, long memberId, String month, long fen) {
        return api().post("/members/" + memberId + "/dues-payments", token, Map.of("month", month, "amountFen", fen,
                "paidOn", today().minusDays(3).toString(), "method", "WECHAT_PAY"));
    }

    private void paid(String token, long memberId, String month, long fen) {
        Api.Response r = pay(token, memberId, month, fen);
        assertEquals(201, r.status(), r::toString);
    }

    private static JsonNode branch(JsonNode report, Organisation b) {
        for (JsonNode n : report.path("branches")) {
            if (n.path("branchId").asLong() == b.id()) {
                return n;
            }
        }
        throw new AssertionError("branch " + b.id() + " missing in " + report);
    }

    @Test
    void arrearsCountMonthsBehindAcrossTheYearBoundaryAndFlagSixInARow() throws Exception {
        clock.set(TestDates.at(today(), 10, 0));
        int y = TestDates.year();
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        Organisation a = fixtures.branch(general);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        String secB = fixtures.token(fixtures.secretary(b));
        Member m1 = fixtures.member(a);
        Member m2 = fixtures.member(a);
        fixtures.member(a); // no amount set: not counted in arrears
        Member m4 = fixtures.member(b);

        // m1: 30 yuan a month from June; June and July paid, August to January unpaid (6 in a row).
        rate(secA, m1.id(), 3000, month(y, 6));
        paid(secA, m1.id(), month(y, 6), 3000);
        paid(secA, m1.id(), month(y, 7), 3000);
        // m2: 20 yuan from October, 50 yuan from January; December paid, and February in advance of its end.
        rate(secA, m2.id(), 2000, month(y, 10));
        rate(secA, m2.id(), 5000, month(y + 1, 1));
        paid(secA, m2.id(), month(y, 12), 2000);
        paid(secA, m2.id(), month(y + 1, 2), 5000);
        // m4 in the other branch: 10 yuan from January, unpaid.
        rate(secB, m4.id(), 1000, month(y + 1, 1));

        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response own = api().get("/orgs/" + a.id() + "/dues-arrears", secA);
        assertEquals(200, own.status(), own::toString);
        assertEquals(month(y + 1, 1), own.json().path("asOfMonth").asText());
        JsonNode fa = own.json().path("total");
        assertEquals(4, fa.path("members").asInt()); // the secretary, m1, m2 and the member without an amount
        assertEquals(2, fa.path("membersWithRate").asInt());
        assertEquals(2, fa.path("membersInArrears").asInt());
        assertEquals(9, fa.path("monthsBehind").asInt());
        assertEquals(6 * 3000 + 2 * 2000 + 5000, fa.path("owedFen").asLong());
        assertEquals(1, fa.path("flagged").asInt());
        JsonNode list = branch(own.json(), a).path("members");
        assertEquals(m1.id(), list.get(0).path("memberId").asLong());
        assertEquals(6, list.get(0).path("monthsBehind").asInt());
        assertEquals(6, list.get(0).path("consecutiveUnpaid").asInt());
        assertEquals(month(y, 8), list.get(0).path("firstUnpaidMonth").asText());
        assertTrue(list.get(0).path("flagged").asBoolean());
        assertEquals(m2.id(), list.get(1).path("memberId").asLong());
        assertEquals(3, list.get(1).path("monthsBehind").asInt());
        assertEquals(1, list.get(1).path("consecutiveUnpaid").asInt());
        assertEquals(9000, list.get(1).path("owedFen").asLong());
        assertFalse(list.get(1).path("flagged").asBoolean());

        JsonNode whole = api().get("/orgs/" + committee.id() + "/dues-arrears", admin).json();
        assertEquals(3, whole.path("total").path("membersInArrears").asInt());
        assertEquals(10, whole.path("total").path("monthsBehind").asInt());
        assertEquals(28000, whole.path("total").path("owedFen").asLong());
        assertEquals(2, whole.path("branches").size());
        assertEquals(1, api().get("/orgs/" + general.id() + "/dues-arrears", admin).json().path("branches").size());

        // Figures: the base year (June..December for m1, October..December for m2) and the year begun.
        JsonNode last = api().get("/orgs/" + committee.id() + "/dues-figures?period=" + y, admin).json();
        JsonNode la = branch(last, a).path("figures");
        assertEquals(7 * 3000 + 3 * 2000, la.path("dueFen").asLong());
        assertEquals(3000 + 3000 + 2000, la.path("paidFen").asLong());
        assertEquals(3, la.path("payments").asInt());
        assertEquals(0, la.path("membersPaidInFull").asInt());
        JsonNode now = api().get("/orgs/" + committee.id() + "/dues-figures?period=" + (y + 1), admin).json();
        assertEquals(2 * 3000 + 2 * 5000 + 2 * 1000, now.path("total").path("dueFen").asLong());
        assertEquals(5000, now.path("total").path("paidFen").asLong());
        JsonNode december = api().get("/orgs/" + a.id() + "/dues-figures?period=" + month(y, 12), secA).json();
        assertEquals(3000 + 2000, december.path("total").path("dueFen").asLong());
        assertEquals(1, december.path("total").path("membersPaidInFull").asInt());

        // The member's own year.
        Api.Response mine = api().get("/members/" + m1.id() + "/dues?year=" + y, fixtures.token(m1));
        assertEquals(200, mine.status(), mine::toString);
        assertEquals(7, mine.json().path("months").size());
        assertEquals(month(y, 6), mine.json().path("startMonth").asText());
        assertTrue(mine.json().path("months").get(0).path("paid").asBoolean());
        assertFalse(mine.json().path("months").get(2).path("paid").asBoolean());
        assertTrue(mine.json().path("standing").path("flagged").asBoolean());
        assertEquals(18000, mine.json().path("standing").path("owedFen").asLong());

        // Refusals: a month paid twice, a month before the dues start, a payment dated in the future.
        assertEquals("DUES_ALREADY_PAID", pay(secA, m1.id(), month(y, 6), 3000).code());
        assertEquals("DUES_NOT_DUE", pay(secA, m1.id(), month(y, 5), 3000).code());
        Api.Response future = api().post("/members/" + m1.id() + "/dues-payments", secA, Map.of("month", month(y, 8),
                "amountFen", 3000, "paidOn", today().plusDays(1).toString(), "method", "CASH"));
        assertEquals(400, future.status(), future::toString);
        Api.Response badMonth = api().put("/members/" + m1.id() + "/dues-rate", secA, Map.of("amountFen", 100,
                "fromMonth", y + "-13"));
        assertEquals(400, badMonth.status());

        // The workbook: a row per branch and the total, then the members in arrears.
        byte[] xlsx = bytes("/orgs/" + committee.id() + "/dues-figures/export?period=" + y, admin);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet figures = book.getSheetAt(0);
            assertEquals(3, figures.getLastRowNum()); // header, two branches, total
            Row total = figures.getRow(3);
            assertEquals(7 * 3000 + 3 * 2000, (long) total.getCell(4).getNumericCellValue());
            assertEquals(3, book.getSheetAt(1).getLastRowNum());
        }
    }

    @Test
    void importSetsAmountsOrRejectsTheWholeFile() {
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Member sec = fixtures.secretary(a);
        String token = fixtures.token(sec);
        Member m = fixtures.member(a);
        Member other = fixtures.member(fixtures.branch(committee));
        String from = TestDates.month().toString();
        Api.Response bad = api().send("POST", "/branches/" + a.id() + "/dues-rates/import", token, "text/csv",
                "phone,amountFen,fromMonth\n" + m.phone() + ",2000," + from + "\n" + other.phone() + ",100," + from
                        + "\n" + sec.phone() + ",-5,2026-1\n", Map.of());
        assertEquals(422, bad.status(), bad::toString);
        assertEquals("IMPORT_REJECTED", bad.code());
        assertEquals(3, bad.json().path("errors").size());
        assertTrue(api().get("/members/" + m.id() + "/dues", token).json().path("rates").isEmpty());

        Api.Response ok = api().send("POST", "/branches/" + a.id() + "/dues-rates/import", token, "text/csv",
                "phone,amountFen,fromMonth\n" + m.phone() + ",2000," + from + "\n" + sec.phone() + ",3000," + from
                        + "\n", Map.of());
        assertEquals(200, ok.status(), ok::toString);
        assertEquals(2, ok.json().path("imported").asInt());
        assertEquals(2000, api().get("/members/" + m.id() + "/dues", token).json().path("currentAmountFen").asLong());
    }

    @Test
    void onlyTheMemberTheirBranchAndTheCommitteesAboveSeeDues() {
        Organisation committee = fixtures.committee();
        Organisation a = fixtures.branch(committee);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        Member m = fixtures.member(a);
        Member peer = fixtures.member(a);
        rate(secA, m.id(), 1000, TestDates.month().toString());
        String period = Integer.toString(TestDates.year());

        Map<String, BiFunction<Api, String, Api.Response>> read = new LinkedHashMap<>();
        read.put("member dues", (api, t) -> api.get("/members/" + m.id() + "/dues", t));
        read.put("branch arrears", (api, t) -> api.get("/orgs/" + a.id() + "/dues-arrears", t));
        read.put("branch figures", (api, t) -> api.get("/orgs/" + a.id() + "/dues-figures?period=" + period, t));
        Map<String, BiFunction<Api, String, Api.Response>> write = new LinkedHashMap<>();
        write.put("set amount", (api, t) -> api.put("/members/" + m.id() + "/dues-rate", t,
                Map.of("amountFen", 1200, "fromMonth", TestDates.month().toString())));
        write.put("import", (api, t) -> api.send("POST", "/branches/" + a.id() + "/dues-rates/import", t, "text/csv",
                "phone,amountFen,fromMonth\n" + m.phone() + ",1200," + TestDates.month() + "\n", Map.of()));
        Map<String, BiFunction<Api, String, Api.Response>> committeeWide = Map.of("committee arrears",
                (api, t) -> api.get("/orgs/" + committee.id() + "/dues-arrears", t));

        // The member: their own record only.
        String member = fixtures.token(m);
        assertEquals(200, api().get("/members/" + m.id() + "/dues", member).status());
        expectEach(403, Map.of("peer's dues", (api, t) -> api.get("/members/" + peer.id() + "/dues", t),
                "branch arrears", read.get("branch arrears")), member, "member");
        expectEach(403, write, member, "member");
        // A branch committee member (支委): reads, never writes.
        String committeeMember = fixtures.token(fixtures.withRole(fixtures.member(a), Role.COMMITTEE_MEMBER, a));
        expectEach(200, read, committeeMember, "committee member");
        expectEach(403, write, committeeMember, "committee member");
        expectEach(403, committeeWide, committeeMember, "committee member");
        // The secretary: reads and writes their branch, not the committee's subtree.
        expectEach(200, read, secA, "secretary");
        expectEach(200, write, secA, "secretary");
        expectEach(403, committeeWide, secA, "secretary");
        // Another branch's secretary and an admin of another committee: nothing.
        String secB = fixtures.token(fixtures.secretary(b));
        expectEach(403, read, secB, "other branch");
        expectEach(403, write, secB, "other branch");
        String outsider = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        expectEach(403, read, outsider, "outside admin");
        expectEach(403, write, outsider, "outside admin");
        expectEach(403, committeeWide, outsider, "outside admin");
        // The committee's admin: everything below.
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        expectEach(200, read, admin, "committee admin");
        expectEach(200, committeeWide, admin, "committee admin");
        Api.Response pay = api().post("/members/" + m.id() + "/dues-payments", admin, Map.of("month",
                TestDates.month().toString(), "amountFen", 1200, "paidOn", TestDates.today().toString(), "method", "CASH"));
        assertEquals(201, pay.status(), pay::toString);
        assertEquals(404, api().get("/members/99999999/dues", admin).status());
    }

    private byte[] bytes(String path, String token) throws Exception {
        Api.Response checked = api().get(path, token);
        assertEquals(200, checked.status(), checked::toString);
        URI uri = server.getURI().resolve(path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
