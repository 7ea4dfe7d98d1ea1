package app.vanguard.org;

import app.vanguard.support.TestDates;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV roster import: every row or none, with each bad row's number and column. */
@MicronautTest(transactional = false)
class MemberImportTest extends ApiTestBase {

    private static final String HEADER = "name,phone,status,joinedOn,group,employer,position\n";

    @Inject
    MemberRepository members;

    @Test
    void goodFileCreatesEveryMemberWithAnInitialPassword() {
        Organisation branch = fixtures.branch(fixtures.committee());
        Organisation group = fixtures.group(branch);
        String token = fixtures.token(fixtures.secretary(branch));
        String p1 = Fixtures.newPhone();
        String p2 = Fixtures.newPhone();
        String csv = "\uFEFF" + HEADER
                + "张三," + p1 + ",正式," + (TestDates.year() - 14) + "-07-01," + group.name() + ",\"东门市场, 3号摊\",摊主\n"
                + "\n"
                + "李四," + p2 + ",PROBATIONARY,,,先锋科技,工程师\n";
        var response = api().send("POST", "/branches/" + branch.id() + "/members/import", token, "text/csv", csv, Map.of());
        assertEquals(201, response.status(), response::toString);
        assertEquals(2, response.json().get("created").asInt());
        var first = members.findByPhone(p1).orElseThrow();
        assertEquals(group.id(), first.groupId());
        assertEquals("东门市场, 3号摊", first.employer());
        assertEquals(MemberStatus.PROBATIONARY, members.findByPhone(p2).orElseThrow().status());

        String initial = response.json().get("members").get(0).get("initialPassword").asText();
        var login = api().post("/auth/login", null, Map.of("phone", p1, "password", initial));
        assertEquals(200, login.status());
        assertTrue(api().get("/me", login.json().get("accessToken").asText()).json().get("passwordChangeRequired").asBoolean());
    }

    @Test
    void oneBadRowRejectsTheFileAndWritesNothing() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String token = fixtures.token(fixtures.secretary(branch));
        String taken = fixtures.member(fixtures.branch(fixtures.committee())).phone();
        String good = Fixtures.newPhone();
        String csv = HEADER
                + "好人," + good + ",FULL," + (TestDates.year() - 16) + "-01-01,,,\n"       // row 1: fine
                + "坏号码,12345,FULL,,,,\n"                      // row 2: bad phone
                + "重复," + good + ",FULL,,,,\n"                  // row 3: phone twice in file
                + "已有," + taken + ",FULL,,,,\n"                 // row 4: phone already a member
                + "坏状态," + Fixtures.newPhone() + ",群众,,,,\n"  // row 5: bad status
                + "坏日期," + Fixtures.newPhone() + ",FULL," + (TestDates.year() - 16) + "/13/01,,,\n" // row 6: bad date
                + "无组," + Fixtures.newPhone() + ",FULL,,不存在的小组,,\n"; // row 7: unknown group
        long before = members.countRoster(branch.id(), true);
        var response = api().send("POST", "/branches/" + branch.id() + "/members/import", token, "text/csv", csv, Map.of());
        assertEquals(422, response.status(), response::toString);
        assertEquals("IMPORT_REJECTED", response.code());
        String rows = response.json().get("errors").findValuesAsText("row").toString();
        String fields = response.json().get("errors").findValuesAsText("field").toString();
        for (String row : new String[]{"2", "3", "4", "5", "6", "7"}) {
            assertTrue(rows.contains(row), "row " + row + " missing from " + response);
        }
        assertTrue(!rows.contains("1,") && !rows.startsWith("[1"), "row 1 was fine: " + rows);
        assertTrue(fields.contains("phone") && fields.contains("status") && fields.contains("joinedOn")
                && fields.contains("group"), fields);
        assertEquals(before, members.countRoster(branch.id(), true));
        assertTrue(members.findByPhone(good).isEmpty());
    }

    @Test
    void missingColumnsAreNamed() {
        Organisation branch = fixtures.branch(fixtures.committee());
        var response = api().send("POST", "/branches/" + branch.id() + "/members/import",
                fixtures.token(fixtures.secretary(branch)), "text/csv", "name,phone\n张三,13900000000\n", Map.of());
        assertEquals(422, response.status());
        assertTrue(response.json().get("errors").findValuesAsText("field").contains("status"));
    }

    @Test
    void aShortRowIsReportedNotACrash() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String csv = HEADER + "好人," + Fixtures.newPhone() + ",FULL,,,,\n短行," + Fixtures.newPhone() + "\n"
                + "未来," + Fixtures.newPhone() + ",FULL,2999-01-01,,,\n";
        var response = api().send("POST", "/branches/" + branch.id() + "/members/import",
                fixtures.token(fixtures.secretary(branch)), "text/csv", csv, Map.of());
        assertEquals(422, response.status(), response::toString);
        assertEquals("[2, 3]", response.json().get("errors").findValuesAsText("row").toString());
    }
}
