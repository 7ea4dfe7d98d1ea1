package app.vanguard.checkin;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cadence compliance on a fabricated year (the year before the base date): one branch held every required meeting, another missed a themed
 * Party day in March, the Party lesson of Q2 (scheduled but never held) and the democratic appraisal.
 */
@MicronautTest(transactional = false)
class ComplianceTest extends ApiTestBase {

    @Inject
    TestClock clock;

    // The year is fabricated once for the class (about 100 meetings); the tests only read it.
    private static Organisation committee;
    private static Organisation full;
    private static Organisation gaps;
    private static Organisation gapsGroup;
    private static Organisation plain;
    private static String fullSecretary;
    private static String gapsSecretary;
    private static String admin;
    private static final String YEAR = String.valueOf(TestDates.year() - 1);
    private Meetings meetings;
    private static final Map<Long, List<Long>> everyone = new HashMap<>();

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        clock.set(TestDates.at(LocalDate.of(TestDates.year(), 1, 15), 10, 0));
        if (committee != null) {
            return;
        }
        committee = fixtures.committee();
        full = fixtures.branch(committee);
        gaps = fixtures.branch(committee);
        Organisation group = fixtures.group(full);
        Member fullSecretaryMember = fixtures.secretary(full);
        Member gapsSecretaryMember = fixtures.secretary(gaps);
        fullSecretary = fixtures.token(fullSecretaryMember);
        gapsSecretary = fixtures.token(gapsSecretaryMember);
        Member fullMember = fixtures.member(full);
        Member gapsMember = fixtures.member(gaps);
        everyone.put(full.id(), List.of(fullSecretaryMember.id(), fullMember.id()));
        everyone.put(gaps.id(), List.of(gapsSecretaryMember.id(), gapsMember.id()));
        gapsGroup = fixtures.group(gaps);
        plain = fixtures.branch(committee); // no groups, no meetings
        fixtures.member(plain);
        admin = fixtures.token(fixtures.orgAdmin(committee));
        Organisation elsewhere = fixtures.branch(fixtures.committee());
        Member elsewhereSecretaryMember = fixtures.secretary(elsewhere);
        String elsewhereSecretary = fixtures.token(elsewhereSecretaryMember);
        everyone.put(elsewhere.id(), List.of(elsewhereSecretaryMember.id()));

        for (int month = 1; month <= 12; month++) {
            hold(full, fullSecretary, "BRANCH_COMMITTEE_MEETING", month, null, null);
            hold(full, fullSecretary, "THEMED_PARTY_DAY", month, null, null);
            hold(full, fullSecretary, "GROUP_MEETING", month, group.id(), fullMember.id());
            hold(gaps, gapsSecretary, "BRANCH_COMMITTEE_MEETING", month, null, null);
            if (month != 3) {
                hold(gaps, gapsSecretary, "THEMED_PARTY_DAY", month, null, null);
            }
            if (month != 7) {
                hold(gaps, gapsSecretary, "GROUP_MEETING", month, gapsGroup.id(), gapsMember.id());
            }
            if (month % 3 == 0) {
                hold(full, fullSecretary, "BRANCH_GENERAL_MEETING", month, null, null);
                hold(full, fullSecretary, "PARTY_LESSON", month, null, null);
                hold(gaps, gapsSecretary, "BRANCH_GENERAL_MEETING", month, null, null);
                if (month != 6) {
                    hold(gaps, gapsSecretary, "PARTY_LESSON", month, null, null);
                }
            }
        }
        hold(full, fullSecretary, "ORGANISATIONAL_LIFE_MEETING", 12, null, null);
        hold(full, fullSecretary, "DEMOCRATIC_APPRAISAL", 12, null, null);
        // The secretary's yearly Party lesson (书记讲党课): the full branch's secretary lectured its March lesson.
        for (JsonNode entry : api().get("/branches/" + full.id() + "/record-book?year=" + YEAR, fullSecretary).json()
                .get("entries")) {
            if (entry.get("meeting").get("type").asText().equals("PARTY_LESSON")) {
                assertEquals(200, api().put("/meetings/" + entry.get("meeting").get("id").asLong() + "/record-roles",
                        fullSecretary, Map.of("lecturer", Map.of("memberId", fullSecretaryMember.id()))).status());
                break;
            }
        }
        hold(gaps, gapsSecretary, "ORGANISATIONAL_LIFE_MEETING", 12, null, null);
        // Not held: a Party lesson in Q2 scheduled but never closed, another closed with nobody present and no
        // minutes, and a cancelled democratic appraisal (each scheduled in time, the day before).
        clock.set(at(5).minus(java.time.Duration.ofDays(1)));
        meetings.schedule(gaps.id(), gapsSecretary, "PARTY_LESSON", at(5));
        long empty = meetings.schedule(gaps.id(), gapsSecretary, "PARTY_LESSON", at(6));
        clock.set(at(6).plus(java.time.Duration.ofHours(2)));
        assertEquals(200, meetings.close(empty, gapsSecretary).status());
        clock.set(at(12).minus(java.time.Duration.ofDays(1)));
        long cancelled = meetings.schedule(gaps.id(), gapsSecretary, "DEMOCRATIC_APPRAISAL", at(12));
        assertEquals(200, api().post("/meetings/" + cancelled + "/cancel", gapsSecretary, null).status());
        clock.set(TestDates.at(LocalDate.of(TestDates.year(), 1, 15), 10, 0));
        // Another committee's branch: never in this report.
        hold(elsewhere, elsewhereSecretary, "PARTY_LESSON", 3, null, null);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant at(int month) {
        return TestDates.at(LocalDate.of(TestDates.year() - 1, month, 10), 10, 0);
    }

    /**
     * Enters a meeting of last year as recorded afterwards (会后补录), with its minutes and everyone expected present:
     * the committee's admin records it (nobody marks themselves, the secretary included); the elsewhere branch's
     * secretary records it with nobody present.
     */
    private void hold(Organisation branch, String secretary, String type, int month, Long groupId, Long attendee) {
        Map<String, Object> body = Meetings.request(type, at(month));
        List<Long> attendees = groupId != null ? List.of(attendee) : everyone.get(branch.id());
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        body.put("attendeeIds", attendees);
        body.put("recordedAfterwards", true);
        body.put("minutes", Map.of("content", "会议记录：" + type));
        boolean byAdmin = branch != null && (branch.id().equals(full.id()) || branch.id().equals(gaps.id()));
        body.put("presentIds", byAdmin ? attendees : List.of());
        JsonNode recorded = meetings.schedule(branch.id(), byAdmin ? admin : secretary, body);
        assertEquals("CLOSED", recorded.get("status").asText());
        assertTrue(recorded.get("recordedAfterwards").asBoolean());
    }

    private Map<Long, JsonNode> report(String period, String token, long orgId) {
        var r = api().get("/orgs/" + orgId + "/compliance?period=" + period, token);
        assertEquals(200, r.status(), r::toString);
        Map<Long, JsonNode> byBranch = new HashMap<>();
        r.json().get("items").forEach(i -> byBranch.put(i.get("branchId").asLong(), i));
        return byBranch;
    }

    private static Map<String, JsonNode> requirements(JsonNode branch) {
        Map<String, JsonNode> out = new HashMap<>();
        branch.get("requirements").forEach(r -> out.put(r.get("type").asText(), r));
        return out;
    }

    private static List<String> missing(JsonNode requirement) {
        List<String> out = new ArrayList<>();
        if (requirement.has("missing")) {
            requirement.get("missing").forEach(m -> out.add(m.asText()));
        }
        return out;
    }

    @Test
    void theYearShowsWhichBranchesHeldWhatAndWhatIsMissing() {
        var whole = api().get("/orgs/" + committee.id() + "/compliance?period=" + YEAR, admin).json();
        assertEquals(3, whole.get("branches").asInt());
        assertEquals(1, whole.get("compliantBranches").asInt());
        Map<Long, JsonNode> report = report(YEAR, admin, committee.id());

        JsonNode a = report.get(full.id());
        assertTrue(a.get("compliant").asBoolean());
        assertEquals(46, a.get("meetingsHeld").asInt());
        assertEquals(46, a.get("recordedAfterwards").asInt(), "labelled: every one was entered afterwards");
        assertEquals(1.0, a.get("attendanceRate").asDouble());
        Map<String, JsonNode> ra = requirements(a);
        assertEquals(7, ra.size());
        assertEquals(12, ra.get("THEMED_PARTY_DAY").get("required").asInt());
        assertEquals(4, ra.get("PARTY_LESSON").get("required").asInt());
        assertEquals(1, ra.get("DEMOCRATIC_APPRAISAL").get("required").asInt());

        JsonNode b = report.get(gaps.id());
        assertFalse(b.get("compliant").asBoolean());
        Map<String, JsonNode> rb = requirements(b);
        assertEquals(List.of(YEAR + "-07 " + gapsGroup.name()), missing(rb.get("GROUP_MEETING")));
        assertEquals(12, rb.get("GROUP_MEETING").get("required").asInt(), "one group, twelve months");
        assertEquals(List.of(YEAR + "-03"), missing(rb.get("THEMED_PARTY_DAY")));
        assertEquals(11, rb.get("THEMED_PARTY_DAY").get("held").asInt());
        assertEquals(List.of(YEAR + "-Q2"), missing(rb.get("PARTY_LESSON")));
        assertEquals(List.of(YEAR), missing(rb.get("DEMOCRATIC_APPRAISAL")));
        assertEquals(List.of(), missing(rb.get("BRANCH_COMMITTEE_MEETING")));
        assertEquals(List.of(), missing(rb.get("ORGANISATIONAL_LIFE_MEETING")));

        JsonNode c = report.get(plain.id());
        assertFalse(c.get("compliant").asBoolean());
        assertEquals(0, c.get("meetingsHeld").asInt());
        assertNull(c.get("attendanceRate"));
        Map<String, JsonNode> rc = requirements(c);
        assertFalse(rc.containsKey("GROUP_MEETING"), "a branch without groups holds no group meetings");
        assertEquals(12, missing(rc.get("THEMED_PARTY_DAY")).size());
    }

    @Test
    void shorterPeriodsAssessOnlyTheCadencesThatFit() {
        Map<String, JsonNode> q2 = requirements(report(YEAR + "-Q2", admin, committee.id()).get(gaps.id()));
        assertFalse(q2.containsKey("DEMOCRATIC_APPRAISAL"));
        assertEquals(List.of(YEAR + "-Q2"), missing(q2.get("PARTY_LESSON")));
        assertEquals(3, q2.get("THEMED_PARTY_DAY").get("required").asInt());

        Map<Long, JsonNode> march = report(YEAR + "-03", admin, committee.id());
        assertFalse(march.get(gaps.id()).get("compliant").asBoolean());
        assertTrue(march.get(full.id()).get("compliant").asBoolean());
        Map<String, JsonNode> m = requirements(march.get(gaps.id()));
        assertFalse(m.containsKey("PARTY_LESSON"), "quarterly cadence is not assessed over a month");
        assertEquals(List.of(YEAR + "-03"), missing(m.get("THEMED_PARTY_DAY")));
        assertTrue(requirements(report(YEAR + "-04", admin, committee.id()).get(gaps.id())).values().stream()
                .allMatch(r -> missing(r).isEmpty()));
    }

    @Test
    void theAnnualPlanIsComparedWithTheMeetingsHeld() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int month : new int[]{3, 6, 9, 12}) {
            items.add(Map.of("month", month, "type", "PARTY_LESSON", "topic", "党课" + month));
        }
        items.add(Map.of("month", 12, "type", "DEMOCRATIC_APPRAISAL"));
        items.add(Map.of("month", 1, "type", "ORGANISATIONAL_LIFE_MEETING")); // held in December instead
        var filed = api().put("/branches/" + full.id() + "/meeting-plans/" + YEAR, fullSecretary, Map.of("items", items));
        assertEquals(200, filed.status(), filed::toString);
        assertTrue(filed.json().get("filed").asBoolean());
        assertEquals(6, filed.json().get("planned").asInt());
        assertEquals(5, filed.json().get("held").asInt());
        JsonNode january = filed.json().get("items").get(0);
        assertEquals("ORGANISATIONAL_LIFE_MEETING", january.get("type").asText());
        assertFalse(january.get("held").asBoolean());

        JsonNode plan = report(YEAR, admin, committee.id()).get(full.id()).get("plan");
        assertEquals(6, plan.get("planned").asInt());
        assertEquals(5, plan.get("held").asInt());
        assertNull(report(YEAR, admin, committee.id()).get(gaps.id()).get("plan"), "no plan filed");
        JsonNode q1 = report(YEAR + "-Q1", admin, committee.id()).get(full.id()).get("plan");
        assertEquals(2, q1.get("planned").asInt(), "Q1 has the March lesson and the January item");
        assertEquals(1, q1.get("held").asInt());
    }

    @Test
    void aSecretarySeesTheirBranchOnly() {
        Map<Long, JsonNode> own = report(YEAR, gapsSecretary, gaps.id());
        assertEquals(1, own.size());
        assertFalse(own.get(gaps.id()).get("compliant").asBoolean());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/compliance?period=" + YEAR, gapsSecretary).status());
        assertEquals(403, api().get("/orgs/" + full.id() + "/compliance?period=" + YEAR, gapsSecretary).status());
        assertEquals("VALIDATION_FAILED", api().get("/orgs/" + gaps.id() + "/compliance?period=" + YEAR + "-13", gapsSecretary)
                .code());
    }
}
