package app.vanguard.yearbook;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.org.Role;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static app.vanguard.yearbook.YearFixtures.assertHours;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Study hours against a hand-computed month: m1 reads two articles for 15 and 45 minutes (the second counts 30, the
 * per-article cap) = 0.75 h, and attends a Party lesson (2 h) = 2.75 h; m2 attends the Party lesson and a themed
 * Party day (2 h + 2 h) = 4 h; the secretary attends nothing. The branch: 6.75 h over 3 members, 2.25 h each.
 */
@MicronautTest(transactional = false)
class StudyHoursTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void hoursAddReadingTimeAndAttendedMeetingsPerMemberBranchAndSubtree() {
        LocalDate tenth = TestDates.month().atDay(10);
        String month = TestDates.month().toString();
        clock.set(TestDates.at(tenth, 8, 0));
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Organisation other = fixtures.branch(committee);
        fixtures.member(other);
        Member sec = fixtures.secretary(branch);
        String secretary = fixtures.token(sec);
        Member m1 = fixtures.member(branch);
        Member m2 = fixtures.member(branch);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        YearFixtures year = new YearFixtures(api(), clock);

        List<Long> articles = year.reader(fixtures.token(fixtures.systemAdmin()));
        String t1 = fixtures.token(m1);
        year.read(t1, articles.get(0), Duration.ofMinutes(15));
        year.read(t1, articles.get(1), Duration.ofMinutes(45));
        year.hold(branch.id(), secretary, admin, "PARTY_LESSON", TestDates.at(tenth.plusDays(1), 10, 0),
                List.of(m1.id(), m2.id()));
        year.hold(branch.id(), secretary, admin, "THEMED_PARTY_DAY", TestDates.at(tenth.plusDays(2), 10, 0),
                List.of(m2.id()));

        Api.Response own = api().get("/members/" + m1.id() + "/study-hours?period=" + month, t1);
        assertEquals(200, own.status(), own::toString);
        JsonNode h = own.json();
        assertEquals(2, h.path("articlesRead").asInt());
        assertEquals(45 * 60, h.path("readingSeconds").asLong());
        assertHours("0.75", h.path("readingHours"), "m1 reading");
        assertHours("2", h.path("meetingHours"), "m1 meetings");
        assertHours("2.75", h.path("totalHours"), "m1 total");
        assertEquals(2, h.path("meetings").size());
        JsonNode lesson = h.path("meetings").get(0);
        assertEquals("PARTY_LESSON", lesson.path("type").asText());
        assertEquals(1, lesson.path("attended").asInt());
        assertEquals(0, h.path("meetings").get(1).path("attended").asInt()); // the themed Party day: absent

        Api.Response b = api().get("/orgs/" + branch.id() + "/study-hours?period=" + month, secretary);
        assertEquals(200, b.status(), b::toString);
        JsonNode total = b.json().path("total");
        assertEquals(3, total.path("members").asInt());
        assertEquals(3, total.path("meetingsAttended").asInt());
        assertHours("0.75", total.path("readingHours"), "branch reading");
        assertHours("6", total.path("meetingHours"), "branch meetings");
        assertHours("6.75", total.path("totalHours"), "branch total");
        assertHours("2.25", total.path("averageHours"), "branch average");
        assertEquals(3, b.json().path("branches").get(0).path("members").size());

        JsonNode whole = api().get("/orgs/" + committee.id() + "/study-hours?period=" + month, admin).json();
        assertEquals(2, whole.path("branches").size());
        assertEquals(4, whole.path("total").path("members").asInt());
        assertHours("6.75", whole.path("total").path("totalHours"), "subtree total");
        // Another month counts nothing of it.
        JsonNode next = api().get("/orgs/" + committee.id() + "/study-hours?period="
                + TestDates.month().plusMonths(1), admin).json();
        assertHours("0", next.path("total").path("totalHours"), "next month");

        // Who may read: the member, the branch's secretary and committee members, the admins above; no one else.
        String m2Token = fixtures.token(m2);
        assertEquals(403, api().get("/members/" + m1.id() + "/study-hours", m2Token).status());
        assertEquals(403, api().get("/orgs/" + branch.id() + "/study-hours", m2Token).status());
        String committeeMember = fixtures.token(fixtures.withRole(fixtures.member(branch), Role.COMMITTEE_MEMBER, branch));
        assertEquals(200, api().get("/members/" + m1.id() + "/study-hours", committeeMember).status());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/study-hours", committeeMember).status());
        String otherSecretary = fixtures.token(fixtures.secretary(other));
        assertEquals(403, api().get("/members/" + m1.id() + "/study-hours", otherSecretary).status());
        assertEquals(403, api().get("/orgs/" + branch.id() + "/study-hours", otherSecretary).status());
        String outsider = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        assertEquals(403, api().get("/orgs/" + committee.id() + "/study-hours", outsider).status());
        assertEquals(400, api().get("/orgs/" + committee.id() + "/study-hours?period=" + month + "x", admin).status());
    }
}
