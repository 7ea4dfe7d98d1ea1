package app.vanguard.org;

import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A secretary cannot disable, or take over the login phone of, a member holding a role they cannot administer. */
@MicronautTest(transactional = false)
class MemberRoleProtectionTest extends ApiTestBase {

    @Test
    void aSecretaryCannotDisableOrRePhoneTheCommitteesOrgAdmin() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member orgAdmin = fixtures.withRole(fixtures.member(branch), Role.ORG_ADMIN, committee);
        String secretary = fixtures.token(fixtures.secretary(branch));
        String base = "/branches/" + branch.id() + "/members/" + orgAdmin.id();

        var disable = api().post(base + "/disable", secretary, null);
        assertEquals(403, disable.status(), disable::toString);
        assertEquals("FORBIDDEN", disable.code());
        var rePhone = api().put(base, secretary, Map.of("name", orgAdmin.name(), "phone", Fixtures.newPhone(), "status", "FULL"));
        assertEquals(403, rePhone.status(), rePhone::toString);
        // Nothing changed: the org admin still signs in with their phone.
        assertEquals(200, api().post("/auth/login", null, Map.of("phone", orgAdmin.phone(), "password", Fixtures.PASSWORD)).status());
        // Other details of the roster entry remain the secretary's to keep.
        var rename = api().put(base, secretary, Map.of("name", "王委员", "phone", orgAdmin.phone(), "status", "FULL"));
        assertEquals(200, rename.status(), rename::toString);

        // The committee's own admins (and system admins) may.
        String committeeAdmin = fixtures.token(fixtures.orgAdmin(committee));
        assertEquals(200, api().post(base + "/disable", committeeAdmin, null).status());
        assertEquals(200, api().post(base + "/enable", fixtures.token(fixtures.systemAdmin()), null).status());
        // An admin of a general branch below the committee administers the branch, not the committee role.
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "党总支");
        Organisation lower = fixtures.branch(general);
        Member lowerHolder = fixtures.withRole(fixtures.member(lower), Role.ORG_ADMIN, committee);
        var byLowerAdmin = api().post("/branches/" + lower.id() + "/members/" + lowerHolder.id() + "/disable",
                fixtures.token(fixtures.orgAdmin(general)), null);
        assertEquals(403, byLowerAdmin.status(), byLowerAdmin::toString);
    }

    @Test
    void aSecretaryStillDisablesPlainMembers() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Member member = fixtures.member(branch);
        var disabled = api().post("/branches/" + branch.id() + "/members/" + member.id() + "/disable",
                fixtures.token(fixtures.secretary(branch)), null);
        assertEquals(200, disabled.status(), disabled::toString);
    }
}
