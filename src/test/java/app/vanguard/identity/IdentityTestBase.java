package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared steps of the identity tests: declare, verify, and check that phones never leak. */
abstract class IdentityTestBase extends ApiTestBase {

    @Inject
    protected IdentityDb db;

    static Map<String, Object> declaration(Long branchId, boolean mobile, String... commitments) {
        Map<String, Object> body = new HashMap<>();
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        body.put("membershipStatus", "FULL");
        body.put("joinedOn", java.time.LocalDate.of(TestDates.year() - 14, 7, 1).toString());
        body.put("registeredOrganisation", "河南省周口市某村党支部");
        body.put("mobile", mobile);
        if (mobile) {
            body.put("mobileOrigin", "河南省周口市");
        }
        body.put("workplace", "东门专业市场");
        body.put("position", "摊主");
        body.put("duties", "诚信经营，带头遵纪守法");
        body.put("commitments", new ArrayList<>(List.of(commitments)));
        return body;
    }

    /** The member declares to the branch; returns the declaration id. */
    long declare(String memberToken, Map<String, Object> body) {
        Api.Response r = api().post("/me/declarations", memberToken, body);
        assertEquals(201, r.status(), r::toString);
        return r.json().path("id").asLong();
    }

    Api.Response verify(Organisation branch, long declarationId, String token) {
        return api().post("/branches/" + branch.id() + "/declarations/" + declarationId + "/verify", token, null);
    }

    /** A member of the branch whose declaration (with commitments) the branch verified; returns the declaration. */
    long verifiedDeclaration(Member member, Organisation branch, String secretaryToken, String... commitments) {
        long id = declare(fixtures.token(member), declaration(branch.id(), false, commitments));
        Api.Response r = verify(branch, id, secretaryToken);
        assertEquals(200, r.status(), r::toString);
        return id;
    }

    /** The raw phone appears nowhere in the answer; its masked form is there when expected. */
    static void assertMasked(Api.Response response, String phone, boolean expectMaskedForm) {
        assertFalse(response.body().contains(phone), "raw phone leaked: " + response);
        if (expectMaskedForm) {
            assertTrue(response.body().contains(Masking.phone(phone)), "masked phone missing: " + response);
        }
    }
}
