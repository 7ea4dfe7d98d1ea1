package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Received, verified, rejected, mobile members found and active badges, per branch and per subtree, over a period. */
@MicronautTest(transactional = false)
class IdentityFiguresTest extends IdentityTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void figuresCountThePeriodPerBranchAndSubtree() {
        Organisation committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        Organisation a = fixtures.branch(general);
        Organisation b = fixtures.branch(committee);
        String secA = fixtures.token(fixtures.secretary(a));
        String secB = fixtures.token(fixtures.secretary(b));

        java.time.YearMonth month = TestDates.month();
        // Before the period (the last day of the month before, Shanghai): one declaration received and verified in A.
        clock.set(TestDates.at(month.minusMonths(1).atEndOfMonth(), 18, 0));
        verifiedDeclaration(fixtures.member(a), a, secA);

        // In the period (the base month): A receives two, verifies one mobile member, rejects one; B verifies one.
        clock.set(TestDates.at(month.atDay(10), 10, 0));
        Member mobile = fixtures.member(b);
        long m = declare(fixtures.token(mobile), declaration(a.id(), true));
        assertEquals(200, verify(a, m, secA).status());
        long r = declare(fixtures.token(fixtures.member(a)), declaration(a.id(), false));
        assertEquals(200, api().post("/branches/" + a.id() + "/declarations/" + r + "/reject", secA,
                Map.of("reason", "材料不全")).status());
        Member bm = fixtures.member(b);
        verifiedDeclaration(bm, b, secB);
        LocalDate day = BusinessTime.today(clock);
        assertEquals(201, api().post("/branches/" + b.id() + "/badges", secB, Map.of("memberId", bm.id(),
                "type", "VANGUARD_POST", "title", "质检岗", "validFrom", day.toString(),
                "validUntil", day.plusYears(1).toString())).status());

        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response all = api().get("/orgs/" + committee.id() + "/identity-figures?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth(), admin);
        assertEquals(200, all.status(), all::toString);
        assertFigures(all.json().path("total"), 3, 2, 1, 1, 1);
        assertEquals(2, all.json().path("branches").size());
        assertFigures(branch(all.json(), a), 2, 1, 1, 1, 0);
        assertFigures(branch(all.json(), b), 1, 1, 0, 0, 1);

        Api.Response sub = api().get("/orgs/" + general.id() + "/identity-figures?from=" + month.minusMonths(1).atDay(1) + "&to=" + month.atEndOfMonth(), admin);
        assertFigures(sub.json().path("total"), 3, 2, 1, 1, 0);
        assertEquals(1, sub.json().path("branches").size());

        // A branch's own secretary sees their branch's figures.
        Api.Response own = api().get("/orgs/" + b.id() + "/identity-figures?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth(), secB);
        assertEquals(200, own.status());
        assertFigures(own.json().path("total"), 1, 1, 0, 0, 1);

        Api.Response backwards = api().get("/orgs/" + committee.id() + "/identity-figures?from=" + month.plusMonths(1).atDay(1) + "&to=" + month.atDay(1), admin);
        assertEquals(400, backwards.status());
    }

    private static JsonNode branch(JsonNode figures, Organisation branch) {
        for (JsonNode n : figures.path("branches")) {
            if (n.path("branchId").asLong() == branch.id()) {
                return n.path("figures");
            }
        }
        throw new AssertionError("no figures for branch " + branch.id() + ": " + figures);
    }

    private static void assertFigures(JsonNode f, long received, long verified, long rejected, long mobile, long badges) {
        assertEquals(received, f.path("received").asLong(), f::toString);
        assertEquals(verified, f.path("verified").asLong(), f::toString);
        assertEquals(rejected, f.path("rejected").asLong(), f::toString);
        assertEquals(mobile, f.path("mobileMembersFound").asLong(), f::toString);
        assertEquals(badges, f.path("badgesActive").asLong(), f::toString);
    }
}
