package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No identity response a member or the public receives carries a phone in clear: registration, the member's
 * declarations (created, listed, read, amended), commitments, badges, branch lists and the public badge check.
 * Only one declaration read by its own branch shows the phone, so the secretary can call.
 */
@MicronautTest(transactional = false)
class PhoneMaskingTest extends IdentityTestBase {

    @Test
    void everyMemberFacingAndPublicResponseMasksPhones() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretaryMember = fixtures.secretary(branch);
        String secretary = fixtures.token(secretaryMember);
        String phone = Fixtures.newPhone();
        List<Api.Response> seen = new ArrayList<>();

        Api.Response registered = api().post("/identity/registrations", null, Map.of("phone", phone, "name", "李小红",
                "password", "pocket-member-1", "branchId", branch.id()));
        seen.add(registered);
        long memberId = registered.json().path("memberId").asLong();
        String token = api().post("/auth/login", null, Map.of("phone", phone, "password", "pocket-member-1"))
                .json().path("accessToken").asText();

        Api.Response created = api().post("/me/declarations", token, declaration(branch.id(), false, "亮明身份"));
        seen.add(created);
        long id = created.json().path("id").asLong();
        seen.add(api().post("/branches/" + branch.id() + "/declarations/" + id + "/reject", secretary,
                Map.of("reason", "请补充组织关系")));
        seen.add(api().put("/me/declarations/" + id, token, declaration(branch.id(), false, "亮明身份")));
        seen.add(api().get("/me/declarations", token));
        seen.add(api().get("/me/declarations/" + id, token));
        seen.add(api().get("/branches/" + branch.id() + "/declarations", secretary));
        seen.add(verify(branch, id, secretary));

        long commitment = api().get("/me/commitments", token).json().get(0).path("id").asLong();
        seen.add(api().get("/me/commitments", token));
        seen.add(api().post("/me/commitments/" + commitment + "/progress", token, Map.of("status", "FULFILLED")));
        seen.add(api().get("/branches/" + branch.id() + "/commitments", secretary));
        seen.add(api().put("/branches/" + branch.id() + "/commitments/" + commitment + "/reviews/"
                + TestDates.today().getYear(), secretary, Map.of("verdict", "FULFILLED")));

        LocalDate today = TestDates.today();
        Api.Response badge = api().post("/branches/" + branch.id() + "/badges", secretary, Map.of("memberId", memberId,
                "type", "MODEL_HOUSEHOLD", "title", "红红便利店", "validFrom", today.toString(),
                "validUntil", today.plusDays(365).toString()));
        seen.add(badge);
        seen.add(api().get("/me/badges", token));
        seen.add(api().get("/branches/" + branch.id() + "/badges", secretary));
        seen.add(api().get("/public/badges/" + badge.json().path("token").asText(), null));
        seen.add(api().post("/branches/" + branch.id() + "/badges/" + badge.json().path("id").asLong() + "/revoke",
                secretary, Map.of("reason", "歇业")));

        for (Api.Response response : seen) {
            assertTrue(response.status() < 300, response::toString);
            assertMasked(response, phone, false);
            assertMasked(response, secretaryMember.phone(), false);
        }
        assertTrue(registered.body().contains("\"" + Masking.phone(phone) + "\""));

        Api.Response forTheSecretary = api().get("/branches/" + branch.id() + "/declarations/" + id, secretary);
        assertEquals(phone, forTheSecretary.json().path("member").path("phone").asText());
    }
}
