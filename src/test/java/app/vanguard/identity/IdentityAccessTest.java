package app.vanguard.identity;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every identity endpoint of a branch, called by those who must be refused (a plain member of the branch, the
 * secretary of another branch, the admin of another subtree, a committee member for changes) and by those who may.
 * A member's own endpoints never reach another member's declarations, commitments or badges.
 */
@MicronautTest(transactional = false)
class IdentityAccessTest extends IdentityTestBase {

    private Organisation committee;
    private Organisation branch;
    private String secretary;
    private Member holder;
    private long submitted;
    private long commitment;
    private long badge;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        Organisation general = fixtures.org(committee, OrgType.GENERAL_BRANCH, "总支");
        branch = fixtures.branch(general);
        secretary = fixtures.token(fixtures.secretary(branch));
        holder = fixtures.member(branch);
        long verified = verifiedDeclaration(holder, branch, secretary, "带头服务群众");
        commitment = api().get("/me/declarations/" + verified, fixtures.token(holder)).json()
                .path("commitments").get(0).path("id").asLong();
        LocalDate today = TestDates.today();
        badge = api().post("/branches/" + branch.id() + "/badges", secretary, Map.of("memberId", holder.id(),
                "type", "RESPONSIBILITY_AREA", "title", "二号楼", "validFrom", today.toString(),
                "validUntil", today.plusDays(90).toString())).json().path("id").asLong();
        submitted = declare(fixtures.token(fixtures.member(branch)), declaration(branch.id(), false));
    }

    private Map<String, BiFunction<Api, String, Api.Response>> reads() {
        String b = "/branches/" + branch.id();
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("list declarations", (api, t) -> api.get(b + "/declarations", t));
        calls.put("get declaration", (api, t) -> api.get(b + "/declarations/" + submitted, t));
        calls.put("list commitments", (api, t) -> api.get(b + "/commitments", t));
        calls.put("list badges", (api, t) -> api.get(b + "/badges", t));
        calls.put("badge qr", (api, t) -> api.get(b + "/badges/" + badge + "/qr.png", t));
        calls.put("branch figures", (api, t) -> api.get("/orgs/" + branch.id() + "/identity-figures", t));
        return calls;
    }

    private Map<String, BiFunction<Api, String, Api.Response>> writes() {
        String b = "/branches/" + branch.id();
        int year = TestDates.today().getYear();
        LocalDate today = TestDates.today();
        Map<String, BiFunction<Api, String, Api.Response>> calls = new LinkedHashMap<>();
        calls.put("review", (api, t) -> api.put(b + "/commitments/" + commitment + "/reviews/" + year, t,
                Map.of("verdict", "FULFILLED")));
        calls.put("grant badge", (api, t) -> api.post(b + "/badges", t, Map.of("memberId", holder.id(),
                "type", "VANGUARD_POST", "title", "收银岗", "validFrom", today.toString(),
                "validUntil", today.plusDays(10).toString())));
        calls.put("revoke badge", (api, t) -> api.post(b + "/badges/" + badge + "/revoke", t, Map.of("reason", "调岗")));
        calls.put("reject", (api, t) -> api.post(b + "/declarations/" + submitted + "/reject", t, Map.of("reason", "核实")));
        calls.put("verify", (api, t) -> api.post(b + "/declarations/" + submitted + "/verify", t, null));
        return calls;
    }

    @Test
    void plainMemberOfTheBranchIsRefusedEverything() {
        String token = fixtures.token(holder);
        expectEach(403, reads(), token, "member");
        expectEach(403, writes(), token, "member");
    }

    @Test
    void secretaryOfAnotherBranchIsRefusedEverything() {
        String token = fixtures.token(fixtures.secretary(fixtures.branch(committee)));
        expectEach(403, reads(), token, "other secretary");
        expectEach(403, writes(), token, "other secretary");
        assertEquals(403, api().get("/orgs/" + committee.id() + "/identity-figures", token).status());
    }

    @Test
    void adminOfAnotherSubtreeIsRefusedEverything() {
        String token = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        expectEach(403, reads(), token, "other admin");
        expectEach(403, writes(), token, "other admin");
        assertEquals(403, api().get("/orgs/" + committee.id() + "/identity-figures", token).status());
    }

    @Test
    void committeeMemberMayReadButNotChange() {
        String token = fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch));
        expectEach(200, reads(), token, "committee member");
        expectEach(403, writes(), token, "committee member");
    }

    @Test
    void secretaryOfTheBranchMayDoEverything() {
        expectEach(200, reads(), secretary, "secretary");
        Map<String, BiFunction<Api, String, Api.Response>> writes = writes();
        assertEquals(200, writes.get("review").apply(api(), secretary).status());
        assertEquals(201, writes.get("grant badge").apply(api(), secretary).status());
        assertEquals(200, writes.get("revoke badge").apply(api(), secretary).status());
        assertEquals(200, writes.get("verify").apply(api(), secretary).status());
    }

    @Test
    void adminAboveTheBranchMayDoEverything() {
        String token = fixtures.token(fixtures.orgAdmin(committee));
        expectEach(200, reads(), token, "admin above");
        assertEquals(200, writes().get("reject").apply(api(), token).status());
        assertEquals(200, api().get("/orgs/" + committee.id() + "/identity-figures", token).status());
    }

    @Test
    void idsOfAnotherBranchCannotBeReachedThroughMine() {
        Organisation mine = fixtures.branch(committee);
        String token = fixtures.token(fixtures.secretary(mine));
        String b = "/branches/" + mine.id();
        int year = TestDates.today().getYear();
        for (Api.Response r : new Api.Response[]{
                api().get(b + "/declarations/" + submitted, token),
                api().post(b + "/declarations/" + submitted + "/verify", token, null),
                api().post(b + "/declarations/" + submitted + "/reject", token, Map.of("reason", "x")),
                api().put(b + "/commitments/" + commitment + "/reviews/" + year, token, Map.of("verdict", "FULFILLED")),
                api().post(b + "/badges/" + badge + "/revoke", token, Map.of("reason", "x")),
                api().get(b + "/badges/" + badge + "/qr.png", token)}) {
            assertEquals(404, r.status(), r::toString);
        }
    }

    @Test
    void aMemberReachesOnlyTheirOwnDeclarationsCommitmentsAndBadges() {
        String stranger = fixtures.token(fixtures.member(fixtures.branch(committee)));
        for (Api.Response r : new Api.Response[]{
                api().get("/me/declarations/" + submitted, stranger),
                api().put("/me/declarations/" + submitted, stranger, declaration(branch.id(), false)),
                api().post("/me/commitments/" + commitment + "/progress", stranger, Map.of("status", "FULFILLED")),
                api().get("/me/badges/" + badge + "/qr.png", stranger)}) {
            assertEquals(404, r.status(), r::toString);
        }
        assertEquals(0, api().get("/me/declarations", stranger).json().size());
        assertEquals(0, api().get("/me/commitments", stranger).json().size());
        assertEquals(0, api().get("/me/badges", stranger).json().size());
    }

    @Test
    void anonymousCallersAreRefused() {
        Api.Response r = api().get("/me/declarations", null);
        assertEquals(401, r.status());
        assertEquals(401, api().get("/branches/" + branch.id() + "/declarations", null).status());
    }
}
