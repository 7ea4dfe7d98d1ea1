package app.vanguard.coverage;

import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage figures and the drive: snapshots on 15-day cycles, the change between two cycles, the ranking with the
 * slowest last (约谈), and the report table's cells against a hand-computed example.
 */
@MicronautTest(transactional = false)
class CoverageDriveTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Organisation committee;
    private Organisation a;
    private Organisation b;
    private Organisation c;
    private String admin;

    private long register(Organisation org, int full, int probationary, String organisedAs, boolean instructor,
                          String district, String kind) {
        Map<String, Object> body = Enterprises.body("企业", district, kind, full, probationary, organisedAs);
        if (instructor) {
            body.put("instructorName", "张指导员");
        }
        Api.Response r = api().post("/orgs/" + org.id() + "/enterprises", admin, body);
        assertEquals(201, r.status(), r::toString);
        return r.json().path("id").asLong();
    }

    private void reorganise(long id, int full, int probationary, String organisedAs, boolean instructor) {
        Map<String, Object> body = Enterprises.body("企业", "福田区", "SMALL_MICRO_FIRM", full, probationary, organisedAs);
        if (instructor) {
            body.put("instructorName", "张指导员");
        }
        Api.Response r = api().put("/enterprises/" + id, admin, body);
        assertEquals(200, r.status(), r::toString);
    }

    /**
     * The example. Sub-organisations A (a general branch), B and C (branches) of a committee.
     * Cycle 1 — A: OWN (3 full), JOINT (2 full), NONE (1 full + 1 probationary, instructor);
     * B: NONE (1), NONE (2); C: NONE (4), NONE (0).
     * Cycle 2 — A's NONE becomes AFFILIATED; B's first NONE becomes INDUSTRY and B registers an OWN (3 full).
     */
    private long setUpExample(LocalDate start) {
        committee = fixtures.committee();
        a = fixtures.org(committee, OrgType.GENERAL_BRANCH, "甲总支");
        b = fixtures.branch(committee);
        c = fixtures.branch(committee);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response drive = api().post("/orgs/" + committee.id() + "/coverage-drives", admin,
                Map.of("name", "百日攻坚", "startsOn", start.toString(), "endsOn", start.plusDays(99).toString()));
        assertEquals(201, drive.status(), drive::toString);
        return drive.json().path("id").asLong();
    }

    @Test
    void snapshotsOnTwoCyclesCountTheChangeAndRankTheSlowestLast() throws IOException {
        LocalDate start = TestDates.day(-40);
        clock.set(TestDates.at(start.minusDays(1), 9, 0));
        long drive = setUpExample(start);
        assertEquals(409, api().post("/coverage-drives/" + drive + "/snapshots", admin, null).status(),
                "not started yet");

        clock.set(TestDates.at(start.plusDays(2), 9, 0));
        register(a, 3, 0, "OWN", false, "福田区", "SMALL_MICRO_FIRM");
        register(a, 2, 0, "JOINT", false, "福田区", "SMALL_MICRO_FIRM");
        long aNone = register(a, 1, 1, "NONE", true, "罗湖区", "SOLE_TRADER");
        long bFirst = register(b, 1, 0, "NONE", false, "罗湖区", "PROFESSIONAL_MARKET");
        register(b, 2, 0, "NONE", false, "罗湖区", "PROFESSIONAL_MARKET");
        register(c, 4, 0, "NONE", false, "南山区", "PARK");
        register(c, 0, 0, "NONE", false, "南山区", "PARK");
        Api.Response first = api().post("/coverage-drives/" + drive + "/snapshots", admin, null);
        assertEquals(201, first.status(), first::toString);
        assertEquals(1, first.json().path("cycle").asInt());

        // Day 15 of the drive (start + 14) is still cycle 1: taking it again replaces the first.
        clock.set(TestDates.at(start.plusDays(14), 22, 0));
        JsonNode cycle1 = api().post("/coverage-drives/" + drive + "/snapshots", admin, null).json();
        assertEquals(1, cycle1.path("cycle").asInt());
        assertEquals(start.toString(), cycle1.path("cycleStartsOn").asText());
        assertEquals(start.plusDays(14).toString(), cycle1.path("cycleEndsOn").asText());
        assertTrue(cycle1.path("previousCycle").isMissingNode());
        assertCounts(cycle1.path("total"), 7, 1, 1, 0, 0, 5, 14, 9, 1);
        assertEquals(0.2857, cycle1.path("total").path("coverageRate").asDouble());
        assertRow(cycle1.path("rows").get(0), 1, a, 0.6667, 2, false);
        assertRow(cycle1.path("rows").get(1), 2, b, 0.0, 0, false);
        assertRow(cycle1.path("rows").get(2), 3, c, 0.0, 0, true);

        // The next day is cycle 2.
        clock.set(TestDates.at(start.plusDays(15), 9, 0));
        assertEquals(2, api().get("/coverage-drives/" + drive, admin).json().path("currentCycle").asInt());
        reorganise(aNone, 1, 1, "AFFILIATED", true);
        reorganise(bFirst, 1, 0, "INDUSTRY", false);
        register(b, 3, 0, "OWN", false, "罗湖区", "PROFESSIONAL_MARKET");
        JsonNode cycle2 = api().post("/coverage-drives/" + drive + "/snapshots", admin, null).json();
        assertEquals(2, cycle2.path("cycle").asInt());
        assertEquals(1, cycle2.path("previousCycle").asInt());
        assertCounts(cycle2.path("total"), 8, 2, 1, 1, 1, 3, 17, 6, 1);
        assertEquals(0.625, cycle2.path("total").path("coverageRate").asDouble());
        assertEquals(3, cycle2.path("newlyCovered").asLong());
        assertEquals(1, cycle2.path("newlySurveyed").asLong());
        assertRow(cycle2.path("rows").get(0), 1, a, 1.0, 1, false);
        assertRow(cycle2.path("rows").get(1), 2, b, 0.6667, 2, false);
        assertEquals(1, cycle2.path("rows").get(1).path("newlySurveyed").asLong());
        assertRow(cycle2.path("rows").get(2), 3, c, 0.0, 0, true);

        // Both cycles are kept; cycle 1 reads as it was.
        JsonNode kept = api().get("/coverage-drives/" + drive + "/snapshots", admin).json();
        assertEquals(2, kept.size());
        assertEquals(7, kept.get(0).path("total").path("surveyed").asLong());
        assertEquals(8, kept.get(1).path("total").path("surveyed").asLong());
        assertEquals(2, api().get("/coverage-drives/" + drive + "/snapshots/1", admin).json().path("total")
                .path("covered").asLong());
        assertEquals(404, api().get("/coverage-drives/" + drive + "/snapshots/3", admin).status());

        // The report table of cycle 2, cell by cell.
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                download("/coverage-drives/" + drive + "/snapshots/2/report")))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("“百日攻坚”行动报表", sheet.getRow(0).getCell(0).getStringCellValue());
            assertTrue(sheet.getRow(1).getCell(0).getStringCellValue().contains("第2期"));
            assertEquals("已建党组织", sheet.getRow(2).getCell(3).getStringCellValue());
            assertEquals("单独组建", sheet.getRow(3).getCell(4).getStringCellValue());
            assertEquals("组建率(%)", sheet.getRow(2).getCell(9).getStringCellValue());
            //                         surveyed covered own joint aff ind none rate  new members outside instr rank talk
            assertLine(sheet.getRow(4), "1", a.name(), 3, 3, 1, 1, 1, 0, 0, 100.0, 1, 7, 0, 1, 1, "");
            assertLine(sheet.getRow(5), "2", b.name(), 3, 2, 1, 0, 0, 1, 1, 66.67, 2, 6, 2, 0, 2, "");
            assertLine(sheet.getRow(6), "3", c.name(), 2, 0, 0, 0, 0, 0, 2, 0.0, 0, 4, 4, 0, 3, "约谈");
            assertLine(sheet.getRow(7), "", "合计", 8, 5, 2, 1, 1, 1, 3, 62.5, 3, 17, 6, 1, null, "");
            assertEquals(null, sheet.getRow(8));
        }
    }

    @Test
    void figuresCountTheSubtreeBySubOrganisationDistrictAndKind() {
        LocalDate start = TestDates.today();
        setUpExample(start);
        register(a, 3, 0, "OWN", false, "福田区", "SMALL_MICRO_FIRM");
        register(a, 1, 1, "NONE", true, "罗湖区", "SOLE_TRADER");
        register(c, 4, 0, "NONE", false, "南山区", "PARK");
        register(committee, 2, 0, "JOINT", false, "福田区", "SMALL_MICRO_FIRM");   // on the committee's own register
        // Another committee's enterprise is not counted, and our admin may not register there.
        Organisation other = fixtures.committee();
        assertEquals(403, api().post("/orgs/" + other.id() + "/enterprises", admin, Enterprises.firm(9, "NONE")).status());
        assertEquals(201, api().post("/orgs/" + other.id() + "/enterprises",
                fixtures.token(fixtures.orgAdmin(other)), Enterprises.firm(9, "NONE")).status());

        Api.Response r = api().get("/orgs/" + committee.id() + "/coverage-figures", admin);
        assertEquals(200, r.status(), r::toString);
        JsonNode f = r.json();
        assertCounts(f.path("total"), 4, 1, 1, 0, 0, 2, 11, 6, 1);
        assertEquals(0.5, f.path("total").path("coverageRate").asDouble());
        List<String> subs = new ArrayList<>();
        f.path("bySubOrganisation").forEach(g -> subs.add(g.path("label").asText() + "=" + g.path("figures")
                .path("surveyed").asLong()));
        assertEquals(List.of(committee.name() + "=1", a.name() + "=2", b.name() + "=0", c.name() + "=1"), subs);
        List<String> districts = new ArrayList<>();
        f.path("byDistrict").forEach(g -> districts.add(g.path("key").asText() + "=" + g.path("figures")
                .path("covered").asLong() + "/" + g.path("figures").path("surveyed").asLong()));
        assertEquals(List.of("南山区=0/1", "福田区=2/2", "罗湖区=0/1"), districts.stream().sorted().toList());
        JsonNode park = null;
        for (JsonNode g : f.path("byKind")) {
            if (g.path("key").asText().equals("PARK")) {
                park = g;
            }
        }
        assertEquals("创业园区", park.path("label").asText());
        assertEquals(4, park.path("figures").path("membersOutside").asLong());
        // A sub-organisation's figures are its own subtree's.
        assertEquals(2, api().get("/orgs/" + a.id() + "/coverage-figures", admin).json().path("total")
                .path("surveyed").asLong());
    }

    @Test
    void aDriveMustEndAfterItStartsAndLastAtMostAYear() {
        committee = fixtures.committee();
        admin = fixtures.token(fixtures.orgAdmin(committee));
        LocalDate start = TestDates.today();
        for (LocalDate end : new LocalDate[]{start.minusDays(1), start.plusDays(366)}) {
            Api.Response r = api().post("/orgs/" + committee.id() + "/coverage-drives", admin,
                    Map.of("name", "百日攻坚", "startsOn", start.toString(), "endsOn", end.toString()));
            assertEquals(400, r.status(), r::toString);
        }
        assertEquals(400, api().post("/orgs/" + committee.id() + "/coverage-drives", admin,
                Map.of("name", "", "startsOn", start.toString(), "endsOn", start.toString())).status());
        assertEquals(201, api().post("/orgs/" + committee.id() + "/coverage-drives", admin,
                Map.of("name", "百日攻坚", "startsOn", start.toString(), "endsOn", start.plusDays(365).toString())).status());
        assertEquals(1, api().get("/orgs/" + committee.id() + "/coverage-drives", admin).json().size());
    }

    private byte[] download(String path) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.getURI().resolve(path)).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertCounts(JsonNode f, long surveyed, long own, long joint, long affiliated, long industry,
                                     long none, long members, long outside, long instructors) {
        assertEquals(surveyed, f.path("surveyed").asLong(), f::toString);
        assertEquals(own, f.path("own").asLong(), f::toString);
        assertEquals(joint, f.path("joint").asLong(), f::toString);
        assertEquals(affiliated, f.path("affiliated").asLong(), f::toString);
        assertEquals(industry, f.path("industry").asLong(), f::toString);
        assertEquals(none, f.path("notOrganised").asLong(), f::toString);
        assertEquals(surveyed - none, f.path("covered").asLong(), f::toString);
        assertEquals(members, f.path("membersFound").asLong(), f::toString);
        assertEquals(outside, f.path("membersOutside").asLong(), f::toString);
        assertEquals(instructors, f.path("instructors").asLong(), f::toString);
    }

    private static void assertRow(JsonNode row, int rank, Organisation org, double rate, long newlyCovered,
                                  boolean talk) {
        assertEquals(rank, row.path("rank").asInt(), row::toString);
        assertEquals(org.id(), row.path("orgId").asLong(), row::toString);
        assertEquals(rate, row.path("figures").path("coverageRate").asDouble(), row::toString);
        assertEquals(newlyCovered, row.path("newlyCovered").asLong(), row::toString);
        assertEquals(talk, row.path("accountabilityTalk").asBoolean(), row::toString);
    }

    private static void assertLine(Row row, String number, String name, Object... numbers) {
        assertEquals(number, row.getCell(0).getStringCellValue());
        assertEquals(name, row.getCell(1).getStringCellValue());
        for (int i = 0; i < 13; i++) {
            Cell cell = row.getCell(2 + i);
            Object expected = numbers[i];
            if (expected == null) {
                assertTrue(cell == null || cell.getCellType() == CellType.BLANK, "column " + (2 + i));
            } else {
                assertEquals(((Number) expected).doubleValue(), cell.getNumericCellValue(), 1e-9,
                        name + " column " + (2 + i));
            }
        }
        assertEquals(numbers[13], row.getCell(15).getStringCellValue());
        assertFalse(name.isEmpty());
    }
}
