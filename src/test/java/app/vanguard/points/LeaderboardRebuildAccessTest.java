package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may start a rebuild may also follow it, and nobody else: a member, a secretary, the admin of another subtree
 * or of an organisation below the job's can neither start a rebuild there nor read the job (403); an admin of the
 * job's organisation or above, and a system admin, can. A rebuild of every board is a system admin's only.
 */
@MicronautTest(transactional = false)
class LeaderboardRebuildAccessTest extends ApiTestBase {

    @Inject
    PointsService points;

    private Organisation committee;
    private Organisation general;
    private Organisation branch;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        branch = fixtures.branch(general);
        Member m = fixtures.member(branch);
        points.award(m.id(), PointsAction.CONTEST, "contest:1", 10);
    }

    private void expect(int status, Api.Response response, String who) {
        assertEquals(status, response.status(), who + ": " + response);
        if (status == 403) {
            assertEquals("FORBIDDEN", response.code(), who);
        }
    }

    @Test
    void onlyAdminsOfTheJobsOrganisationOrAboveMayStartOrReadIt() {
        String location = Rebuilds.location(Rebuilds.startWhenFree(api(), fixtures.token(fixtures.orgAdmin(committee)), general.id()));
        Rebuilds.awaitEnd(api(), fixtures.token(fixtures.orgAdmin(committee)), location);

        Map<String, String> refused = Map.of(
                "member", fixtures.token(fixtures.member(branch)),
                "secretary", fixtures.token(fixtures.secretary(branch)),
                "admin of another committee", fixtures.token(fixtures.orgAdmin(fixtures.committee())),
                "admin of a branch below", fixtures.token(fixtures.orgAdmin(branch)));
        refused.forEach((who, token) -> {
            expect(403, api().get(location, token), who + " reads the job");
            expect(403, Rebuilds.start(api(), token, general.id()), who + " starts a rebuild of the general branch");
        });
        expect(401, api().get(location, null), "anonymous");

        for (Member admin : new Member[]{fixtures.orgAdmin(general), fixtures.orgAdmin(committee), fixtures.systemAdmin()}) {
            expect(200, api().get(location, fixtures.token(admin)), "admin " + admin.id());
        }
    }

    @Test
    void aRebuildOfEveryBoardIsOnlyASystemAdminsToStartOrRead() {
        String orgAdmin = fixtures.token(fixtures.orgAdmin(committee));
        expect(403, Rebuilds.start(api(), orgAdmin, null), "org admin starts a full rebuild");
        String system = fixtures.token(fixtures.systemAdmin());
        String location = Rebuilds.location(Rebuilds.startWhenFree(api(), system, null));
        Rebuilds.awaitEnd(api(), system, location);
        expect(403, api().get(location, orgAdmin), "org admin reads a full rebuild");
        expect(200, api().get(location, system), "system admin");
    }
}
