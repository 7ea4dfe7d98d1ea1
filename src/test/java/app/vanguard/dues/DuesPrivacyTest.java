package app.vanguard.dues;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.PersonalDataRows;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 13 for dues: a member's monthly amounts and payments are in their data export; erasure blanks a
 * payment's note and keeps amounts and months, so the branch's arrears and collection figures stay the same.
 */
@MicronautTest(transactional = false)
class DuesPrivacyTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PersonalDataRows rows;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void ratesAndPaymentsAreExportedAndErasureKeepsArrearsAndFigures() {
        LocalDate today = LocalDate.of(TestDates.year() + 1, 2, 10);
        clock.set(TestDates.at(today, 10, 0));
        int y = TestDates.year();
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String secretary = fixtures.token(fixtures.secretary(branch));
        Member member = fixtures.member(branch);
        Api.Response rate = api().put("/members/" + member.id() + "/dues-rate", secretary, Map.of("amountFen", 3000,
                "fromMonth", YearMonth.of(y, 9).toString()));
        assertEquals(200, rate.status(), rate::toString);
        Api.Response paid = api().post("/members/" + member.id() + "/dues-payments", secretary, Map.of(
                "month", YearMonth.of(y, 9).toString(), "amountFen", 3000, "paidOn", today.minusDays(3).toString(),
                "method", "CASH", "note", "本人因病住院，由家属代交"));
        assertEquals(201, paid.status(), paid::toString);

        Api.Response export = api().get("/me/data-export", fixtures.token(member));
        assertEquals(200, export.status(), export::toString);
        JsonNode sections = export.json().get("sections");
        assertEquals(3000, sections.get("duesRates").get(0).get("amountFen").asLong());
        JsonNode payment = sections.get("duesPayments").get(0);
        assertEquals(YearMonth.of(y, 9).atDay(1).toString(), payment.get("month").asText());
        assertEquals("本人因病住院，由家属代交", payment.get("note").asText());
        assertTrue(payment.get("recordedAt").asText().endsWith("+08:00"), payment::toString);

        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String arrears = "/orgs/" + branch.id() + "/dues-arrears";
        String figures = "/orgs/" + branch.id() + "/dues-figures?period=" + y;
        JsonNode enabled = api().get(arrears, admin).json().path("total");
        assertEquals(4, enabled.path("monthsBehind").asInt(), enabled::toString); // October to January
        assertEquals(3000, api().get(figures, admin).json().path("total").path("paidFen").asLong());

        // Disabling (departure) is what takes the member out of the branch's arrears and figures (dues counts
        // enabled members only); erasure then changes no figure, and the member's own dues record stays.
        assertEquals(200, api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable", secretary,
                null).status());
        JsonNode arrearsBefore = api().get(arrears, admin).json().path("total");
        JsonNode figuresBefore = api().get(figures, admin).json().path("total");
        String own = "/members/" + member.id() + "/dues?year=" + y;
        Api.Response ownBefore = api().get(own, admin);
        assertEquals(200, ownBefore.status(), ownBefore::toString);
        assertTrue(ownBefore.json().path("months").get(0).path("paid").asBoolean(), ownBefore::toString);
        Api.Response erased = api().post("/admin/members/" + member.id() + "/erase",
                fixtures.token(fixtures.systemAdmin()), null);
        assertEquals(200, erased.status(), erased::toString);

        assertEquals(arrearsBefore, api().get(arrears, admin).json().path("total"));
        assertEquals(figuresBefore, api().get(figures, admin).json().path("total"));
        JsonNode ownAfter = api().get(own, admin).json();
        JsonNode monthsBefore = ownBefore.json().path("months").deepCopy();
        assertEquals("本人因病住院，由家属代交",
                ((ObjectNode) monthsBefore.get(0).get("payment")).remove("note").asText());
        assertEquals(monthsBefore, ownAfter.path("months"), "every month, amount and payment as before, less the note");
        assertEquals(ownBefore.json().path("standing"), ownAfter.path("standing"));
        Map<String, List<Map<String, Object>>> left = rows.of(member.id());
        assertEquals(1, left.get("duesRates").size());
        Map<String, Object> kept = left.get("duesPayments").get(0);
        assertEquals(3000L, ((Number) kept.get("amountFen")).longValue());
        assertNull(kept.get("note"), "the note goes");
    }
}
