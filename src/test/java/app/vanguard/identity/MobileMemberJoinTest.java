package app.vanguard.identity;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member of one branch declares as a mobile member where they now work: verified, they join that branch as mobile. */
@MicronautTest(transactional = false)
class MobileMemberJoinTest extends IdentityTestBase {

    @Test
    void verifiedMobileMemberJoinsTheBranchKeepingTheirOrigin() {
        Organisation committee = fixtures.committee();
        Organisation home = fixtures.branch(committee);
        Organisation market = fixtures.branch(committee);
        String secretary = fixtures.token(fixtures.secretary(market));
        Member member = fixtures.member(home);

        long id = declare(fixtures.token(member), declaration(market.id(), true, "亮明身份，服务商户"));
        Api.Response verified = verify(market, id, secretary);
        assertEquals(200, verified.status(), verified::toString);
        assertTrue(verified.json().path("mobile").asBoolean());

        Map<String, Object> row = db.row("member", member.id());
        assertEquals(market.id(), ((Number) row.get("branch_id")).longValue());
        assertEquals(Boolean.TRUE, asBoolean(row.get("mobile")));
        assertEquals("河南省周口市", row.get("mobile_origin"));
        assertEquals("河南省周口市某村党支部", row.get("registered_org"));
        Api.Response roster = api().get("/branches/" + market.id() + "/members/" + member.id(), secretary);
        assertEquals(200, roster.status(), roster::toString);
    }

    private static Boolean asBoolean(Object o) {
        return o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
    }
}
