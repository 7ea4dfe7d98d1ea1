package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submit → reject with a reason → amend and resubmit → verify: every transition is kept with who, when and why;
 * only a rejected declaration can be amended, only a submitted one decided; verifying awards points once.
 */
@MicronautTest(transactional = false)
class DeclarationHistoryTest extends IdentityTestBase {

    @Test
    void rejectAmendResubmitVerifyKeepsEveryStep() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretary = fixtures.secretary(branch);
        String secretaryToken = fixtures.token(secretary);
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);

        Map<String, Object> body = declaration(branch.id(), false, "带头诚信经营", "每月参加一次志愿服务");
        body.put("idCardNumber", "11010519491231002X");
        long id = declare(token, body);

        Api.Response open = api().post("/me/declarations", token, declaration(branch.id(), false));
        assertEquals(409, open.status());
        assertEquals("DECLARATION_OPEN", open.code());
        Api.Response early = api().put("/me/declarations/" + id, token, body);
        assertEquals(409, early.status());
        assertEquals("DECLARATION_NOT_REJECTED", early.code());

        String base = "/branches/" + branch.id() + "/declarations/" + id;
        Api.Response rejected = api().post(base + "/reject", secretaryToken, Map.of("reason", "入党时间请核实"));
        assertEquals(200, rejected.status(), rejected::toString);
        assertEquals("REJECTED", rejected.json().path("state").asText());
        Api.Response again = api().post(base + "/reject", secretaryToken, Map.of("reason", "x"));
        assertEquals(200, again.status(), "a retried rejection answers as the first did: " + again);
        assertEquals(rejected.json().toString(), again.json().toString());
        assertEquals(409, verify(branch, id, secretaryToken).status(), "a rejected declaration cannot be verified");

        String list = "/branches/" + branch.id() + "/declarations";
        assertEquals(1, api().get(list + "?state=REJECTED", secretaryToken).json().path("total").asLong());
        assertEquals(0, api().get(list + "?state=SUBMITTED", secretaryToken).json().path("total").asLong());
        Api.Response badState = api().get(list + "?state=NOPE", secretaryToken);
        assertEquals(400, badState.status(), badState::toString);

        Api.Response mine = api().get("/me/declarations/" + id, token);
        assertEquals("入党时间请核实", mine.json().path("rejectReason").asText());
        assertMasked(mine, member.phone(), true);

        body.put("joinedOn", java.time.LocalDate.of(TestDates.year() - 13, 7, 1).toString());
        body.put("commitments", java.util.List.of("带头诚信经营，明码标价"));
        Api.Response resubmitted = api().put("/me/declarations/" + id, token, body);
        assertEquals(200, resubmitted.status(), resubmitted::toString);
        assertEquals("SUBMITTED", resubmitted.json().path("state").asText());
        assertTrue(resubmitted.json().path("rejectReason").isMissingNode());
        assertEquals(1, resubmitted.json().path("commitments").size(), "the amended list replaces the old one");

        Api.Response verified = verify(branch, id, secretaryToken);
        assertEquals(200, verified.status(), verified::toString);
        Api.Response verifiedAgain = verify(branch, id, secretaryToken);
        assertEquals(200, verifiedAgain.status(), "a retried verify answers as the first did: " + verifiedAgain);
        assertEquals(verified.json().toString(), verifiedAgain.json().toString());
        assertEquals(409, api().post("/branches/" + branch.id() + "/declarations/" + id + "/reject", secretaryToken,
                Map.of("reason", "x")).status(), "another decision after the verification is refused");

        JsonNode history = api().get("/me/declarations/" + id, token).json().path("history");
        assertEquals(4, history.size(), history::toString);
        assertStep(history.get(0), "SUBMITTED", null, "SUBMITTED", member.id(), null);
        assertStep(history.get(1), "REJECTED", "SUBMITTED", "REJECTED", secretary.id(), "入党时间请核实");
        assertStep(history.get(2), "RESUBMITTED", "REJECTED", "SUBMITTED", member.id(), null);
        assertStep(history.get(3), "VERIFIED", "SUBMITTED", "VERIFIED", secretary.id(), null);

        assertEquals(10, db.points(member.id(), "DECLARATION_VERIFIED", "declaration:" + id));
        assertEquals(1, db.entries(member.id(), "DECLARATION_VERIFIED"));

        // The ID-card number is stored only as a keyed hash and its last 4 characters.
        Map<String, Object> row = db.row("declaration", id);
        assertEquals("002X", row.get("id_card_last4"));
        assertEquals(64, row.get("id_card_hash").toString().length());
        assertFalse(row.values().stream().anyMatch(v -> v != null && v.toString().contains("110105194912")));
        assertEquals("002X", verified.json().path("idCardLast4").asText());
        assertFalse(verified.body().contains("11010519491231002X"));
    }

    @Test
    void invalidDeclarationsAreRefusedWithTheirFields() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Organisation other = fixtures.branch(committee);
        String token = fixtures.token(fixtures.member(branch));

        Api.Response toOther = api().post("/me/declarations", token, declaration(other.id(), false));
        assertEquals(400, toOther.status());
        assertEquals("branchId", toOther.json().path("errors").get(0).path("field").asText());

        Map<String, Object> noOrigin = declaration(other.id(), true);
        noOrigin.remove("mobileOrigin");
        Api.Response missing = api().post("/me/declarations", token, noOrigin);
        assertEquals(400, missing.status());
        assertEquals("mobileOrigin", missing.json().path("errors").get(0).path("field").asText());

        Map<String, Object> badCard = declaration(branch.id(), false);
        badCard.put("idCardNumber", "1234");
        assertEquals(400, api().post("/me/declarations", token, badCard).status());
        Api.Response blankCommitment = api().post("/me/declarations", token, declaration(branch.id(), false, " "));
        assertEquals(400, blankCommitment.status(), blankCommitment::toString);
        String[] eleven = new String[11];
        java.util.Arrays.fill(eleven, "承诺");
        assertEquals(400, api().post("/me/declarations", token, declaration(branch.id(), false, eleven)).status());
    }

    private static void assertStep(JsonNode step, String action, String from, String to, long actor, String reason) {
        assertEquals(action, step.path("action").asText());
        assertEquals(from == null ? "" : from, step.path("fromState").asText(""));
        assertEquals(to, step.path("toState").asText());
        assertEquals(actor, step.path("actorId").asLong());
        assertEquals(reason == null ? "" : reason, step.path("reason").asText(""));
        assertFalse(step.path("at").asText().isEmpty());
    }
}
