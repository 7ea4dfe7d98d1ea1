package app.vanguard.org;

import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A member sees their own profile and their branch (without its roster). */
@MicronautTest(transactional = false)
class MeTest extends ApiTestBase {

    @Test
    void myBranchShowsItsPlaceSecretaryAndSize() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Organisation group = fixtures.group(branch);
        Member secretary = fixtures.secretary(branch);
        Member member = fixtures.member(branch);
        var response = api().get("/me/branch", fixtures.token(member));
        assertEquals(200, response.status(), response::toString);
        assertEquals(branch.id().longValue(), response.json().get("id").asLong());
        assertEquals(committee.id().longValue(), response.json().get("ancestors").get(0).get("id").asLong());
        assertEquals(group.id().longValue(), response.json().get("groups").get(0).get("id").asLong());
        assertEquals(secretary.id().longValue(), response.json().get("secretaries").get(0).get("id").asLong());
        assertEquals(2, response.json().get("memberCount").asLong());
    }

    @Test
    void adminOutsideAnyBranchHasNoBranch() {
        var response = api().get("/me/branch", fixtures.token(fixtures.systemAdmin()));
        assertEquals(404, response.status());
        var me = api().get("/me", fixtures.token(fixtures.systemAdmin()));
        assertEquals(200, me.status());
    }
}
