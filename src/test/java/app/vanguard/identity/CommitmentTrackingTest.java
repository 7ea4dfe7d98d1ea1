package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Commitments are tracked once verified: the member updates status with notes (all kept), the secretary reviews
 * them yearly, and a FULFILLED review earns points once.
 */
@MicronautTest(transactional = false)
class CommitmentTrackingTest extends IdentityTestBase {

    @Test
    void memberReportsProgressAndSecretaryReviewsYearly() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String secretary = fixtures.token(fixtures.secretary(branch));
        Member member = fixtures.member(branch);
        String token = fixtures.token(member);

        long pending = declare(token, declaration(branch.id(), false, "尚未核实的承诺"));
        long early = api().get("/me/declarations/" + pending, token).json().path("commitments").get(0).path("id").asLong();
        Api.Response notYet = api().post("/me/commitments/" + early + "/progress", token, Map.of("status", "FULFILLED"));
        assertEquals(409, notYet.status());
        assertEquals("COMMITMENT_NOT_TRACKED", notYet.code());
        assertEquals(0, api().get("/me/commitments", token).json().size());
        assertEquals(200, verify(branch, pending, secretary).status());

        JsonNode mine = api().get("/me/commitments", token).json();
        assertEquals(1, mine.size());
        long id = mine.get(0).path("id").asLong();
        assertEquals("IN_PROGRESS", mine.get(0).path("status").asText());

        assertEquals(200, api().post("/me/commitments/" + id + "/progress", token,
                Map.of("status", "IN_PROGRESS", "note", "已完成一半")).status());
        Api.Response done = api().post("/me/commitments/" + id + "/progress", token,
                Map.of("status", "FULFILLED", "note", "全年完成"));
        assertEquals(200, done.status(), done::toString);
        assertEquals("FULFILLED", done.json().path("status").asText());
        assertEquals(2, done.json().path("updates").size());
        assertMasked(api().get("/me/commitments", token), member.phone(), false);
        assertEquals(0, db.points(member.id(), "COMMITMENT_FULFILLED", "commitment:" + id),
                "the member's own word earns nothing");

        int year = TestDates.today().getYear();
        String review = "/branches/" + branch.id() + "/commitments/" + id + "/reviews/";
        Api.Response inProgress = api().put(review + year, secretary, Map.of("verdict", "IN_PROGRESS"));
        assertEquals(200, inProgress.status(), inProgress::toString);
        assertEquals(0, db.points(member.id(), "COMMITMENT_FULFILLED", "commitment:" + id));
        Api.Response fulfilled = api().put(review + year, secretary, Map.of("verdict", "FULFILLED", "comment", "群众评价好"));
        assertEquals(200, fulfilled.status());
        assertEquals(1, fulfilled.json().path("reviews").size(), "one review per year, replaced");
        assertEquals("FULFILLED", fulfilled.json().path("reviews").get(0).path("verdict").asText());
        assertEquals(200, api().put(review + (year - 1), secretary, Map.of("verdict", "FULFILLED")).status());
        assertEquals(5, db.points(member.id(), "COMMITMENT_FULFILLED", "commitment:" + id));
        assertEquals(1, db.entries(member.id(), "COMMITMENT_FULFILLED"), "points once per commitment");
        assertEquals(400, api().put(review + (year + 1), secretary, Map.of("verdict", "FULFILLED")).status());

        Api.Response list = api().get("/branches/" + branch.id() + "/commitments", secretary);
        assertEquals(1, list.json().path("total").asLong());
        assertMasked(list, member.phone(), true);
    }
}
