package app.vanguard.checkin;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fair play (issue 14, item 8): on 15 July only the months and quarters that have ended can be missing; the one
 * under way is due by its last day, later ones are upcoming, and a period still to come is not failed.
 */
@MicronautTest(transactional = false)
class ComplianceMidYearTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonNode branchReport(Organisation branch, String token, String period) {
        Api.Response r = api().get("/orgs/" + branch.id() + "/compliance?period=" + period, token);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("items").get(0);
    }

    private static Map<String, JsonNode> byType(JsonNode branch) {
        Map<String, JsonNode> out = new HashMap<>();
        branch.get("requirements").forEach(r -> out.put(r.get("type").asText(), r));
        return out;
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(n -> out.add(n.isObject() ? n.get("slot").asText() + "@" + n.get("deadline").asText()
                : n.asText()));
        return out;
    }

    @Test
    void midYearOnlyElapsedPeriodsAreMissingAndTheCurrentOneIsDue() {
        int y = TestDates.year();
        clock.set(TestDates.at(LocalDate.of(y, 7, 15), 10, 0));
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));

        JsonNode year = branchReport(branch, secretary, String.valueOf(y));
        assertFalse(year.get("compliant").asBoolean(), year::toString); // January to June have passed
        Map<String, JsonNode> r = byType(year);
        JsonNode monthly = r.get("THEMED_PARTY_DAY");
        assertEquals(List.of(y + "-01", y + "-02", y + "-03", y + "-04", y + "-05", y + "-06"), texts(monthly, "missing"));
        assertEquals(List.of(y + "-07@" + y + "-07-31"), texts(monthly, "due"));
        assertEquals(5, monthly.get("upcoming").asInt());
        JsonNode quarterly = r.get("PARTY_LESSON");
        assertEquals(List.of(y + "-Q1", y + "-Q2"), texts(quarterly, "missing"));
        assertEquals(List.of(y + "-Q3@" + y + "-09-30"), texts(quarterly, "due"));
        assertEquals(1, quarterly.get("upcoming").asInt());
        JsonNode yearly = r.get("DEMOCRATIC_APPRAISAL");
        assertEquals(List.of(), texts(yearly, "missing"));
        assertEquals(List.of(y + "@" + y + "-12-31"), texts(yearly, "due"));

        // The quarter under way: nothing has ended yet, so nothing is missing and the branch is not failed.
        JsonNode quarter = branchReport(branch, secretary, y + "-Q3");
        assertTrue(quarter.get("compliant").asBoolean(), quarter::toString);
        JsonNode q3 = byType(quarter).get("THEMED_PARTY_DAY");
        assertEquals(List.of(), texts(q3, "missing"));
        assertEquals(List.of(y + "-07@" + y + "-07-31"), texts(q3, "due"));
        assertEquals(2, q3.get("upcoming").asInt());

        // Next year: all upcoming.
        JsonNode next = branchReport(branch, secretary, String.valueOf(y + 1));
        assertTrue(next.get("compliant").asBoolean(), next::toString);
        assertEquals(12, byType(next).get("THEMED_PARTY_DAY").get("upcoming").asInt());

        // A month that has ended: missing.
        JsonNode june = branchReport(branch, secretary, y + "-06");
        assertFalse(june.get("compliant").asBoolean(), june::toString);
        assertEquals(List.of(y + "-06"), texts(byType(june).get("THEMED_PARTY_DAY"), "missing"));
    }
}
