package app.vanguard.coverage;

import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every coverage endpoint, called by those who must be refused (a member, a secretary or committee member of a
 * branch inside the subtree, the admin of another subtree or of a sibling sub-organisation, anonymous callers) and by
 * those who may (the admin of the organisation, an admin above it, a system admin).
 */
@MicronautTest(transactional = false)
class CoverageAccessTest extends ApiTestBase {

    private Organisation committee;
    private Organisation general;
    private Organisation sibling;
    private Organisation branch;
    private long enterprise;
    private long drive;
    private Member worker;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        sibling = fixtures.org(committee, OrgType.GENERAL_BRANCH, "另一总支");
        branch = fixtures.branch(general);
        worker = fixtures.member(branch);
        String admin = fixtures.token(fixtures.orgAdmin(general));
        enterprise = api().post("/orgs/" + general.id() + "/enterprises", admin, Enterprises.firm(3, "NONE"))
                .json().path("id").asLong();
        drive = api().post("/orgs/" + general.id() + "/coverage-drives", admin, Map.of("name", "百日攻坚",
                "startsOn", TestDates.day(-1).toString(), "endsOn", TestDates.day(98).toString())).json().path("id").asLong();
        assertEquals(201, api().post("/coverage-drives/" + drive + "/snapshots", admin, null).status());
    }

    private Map<String, BiFunction<Api, String, Api.Response>> calls() {
        String o = "/orgs/" + general.id();
        String e = "/enterprises/" + enterprise;
        String d = "/coverage-drives/" + drive;
        String csv = EnterpriseImportTest.HEADER + "\n导入企业," + Enterprises.creditCode() + ",小微企业,福田区,,,否,5,1,0,,,,未建,,,\n";
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("register", (api, t) -> api.post(o + "/enterprises", t, Enterprises.firm(1, "NONE")));
        calls.put("list", (api, t) -> api.get(o + "/enterprises", t));
        calls.put("import", (api, t) -> api.sendBytes("POST", o + "/enterprises/import", t, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8)));
        calls.put("template", (api, t) -> api.get(o + "/enterprises/import-template?format=csv", t));
        calls.put("template.xlsx", (api, t) -> api.get(o + "/enterprises/import/template.xlsx", t));
        calls.put("own-branch due", (api, t) -> api.get(o + "/enterprises/own-branch-due", t));
        calls.put("figures", (api, t) -> api.get(o + "/coverage-figures", t));
        calls.put("get", (api, t) -> api.get(e, t));
        calls.put("update", (api, t) -> api.put(e, t, Enterprises.firm(3, "JOINT")));
        calls.put("link member", (api, t) -> api.put(e + "/members/" + worker.id(), t, Map.of()));
        calls.put("open drive", (api, t) -> api.post(o + "/coverage-drives", t, Map.of("name", "第二轮",
                "startsOn", TestDates.today().toString(), "endsOn", TestDates.day(99).toString())));
        calls.put("list drives", (api, t) -> api.get(o + "/coverage-drives", t));
        calls.put("get drive", (api, t) -> api.get(d, t));
        calls.put("take snapshot", (api, t) -> api.post(d + "/snapshots", t, null));
        calls.put("list snapshots", (api, t) -> api.get(d + "/snapshots", t));
        calls.put("get snapshot", (api, t) -> api.get(d + "/snapshots/1", t));
        calls.put("report", (api, t) -> api.get(d + "/snapshots/1/report", t));
        return calls;
    }

    private void expectAllowed(String token, String who) {
        calls().forEach((name, call) -> {
            Api.Response r = call.apply(api(), token);
            assertEquals(true, r.status() == 200 || r.status() == 201, who + " → " + name + ": " + r);
        });
    }

    @Test
    void aPlainMemberIsRefused() {
        expectEach(403, calls(), fixtures.token(worker), "member");
    }

    @Test
    void theSecretaryAndCommitteeOfABranchInsideTheSubtreeAreRefused() {
        expectEach(403, calls(), fixtures.token(fixtures.secretary(branch)), "secretary");
        expectEach(403, calls(), fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER,
                branch)), "committee member");
    }

    @Test
    void adminsOfAnotherSubtreeOrASiblingAreRefused() {
        expectEach(403, calls(), fixtures.token(fixtures.orgAdmin(fixtures.committee())), "other committee's admin");
        expectEach(403, calls(), fixtures.token(fixtures.orgAdmin(sibling)), "sibling's admin");
    }

    @Test
    void anonymousCallersAreRefused() {
        calls().forEach((name, call) -> assertEquals(401, call.apply(api(), null).status(), name));
    }

    @Test
    void theAdminOfTheOrganisationAnAdminAboveAndASystemAdminMayDoEverything() {
        expectAllowed(fixtures.token(fixtures.orgAdmin(general)), "admin");
        expectAllowed(fixtures.token(fixtures.orgAdmin(committee)), "admin above");
        expectAllowed(fixtures.token(fixtures.systemAdmin()), "system admin");
    }

    @Test
    void unknownIdsAreNotFound() {
        String token = fixtures.token(fixtures.orgAdmin(general));
        assertEquals(404, api().get("/enterprises/999999999", token).status());
        assertEquals(404, api().get("/coverage-drives/999999999", token).status());
        assertEquals(404, api().get("/orgs/999999999/coverage-figures", token).status());
    }
}
