package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsLedger;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secretary marks a member without a phone present, recording who did it and why; also after closing. */
@MicronautTest(transactional = false)
class ManualCheckInTest extends ApiTestBase {

    @Inject
    TestClock clock;

    @Inject
    PointsLedger ledger;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void secretaryMarksPresentWithWhoAndWhy() {
        Meetings meetings = new Meetings(api(), server.getURI());
        Organisation branch = fixtures.branch(fixtures.committee());
        Member secretaryMember = fixtures.secretary(branch);
        String secretary = fixtures.token(secretaryMember);
        Member elderly = fixtures.member(branch);
        Member forgotten = fixtures.member(branch);
        Instant start = TestDates.at(0, 19, 0);
        clock.set(start);
        long id = meetings.schedule(branch.id(), secretary, "THEMED_PARTY_DAY", start);
        String path = "/meetings/" + id + "/attendance/";

        var marked = api().post(path + elderly.id() + "/mark-present", secretary, Map.of("reason", "老党员无智能手机"));
        assertEquals(201, marked.status(), marked::toString);
        assertEquals("PRESENT", marked.json().get("status").asText());
        assertEquals("MANUAL", marked.json().get("method").asText());
        assertEquals(secretaryMember.id(), marked.json().get("markedBy").asLong());
        assertEquals("老党员无智能手机", marked.json().get("reason").asText());
        assertEquals(200, api().post(path + elderly.id() + "/mark-present", secretary, Map.of("reason", "again"))
                .status(), "already present");
        assertEquals("VALIDATION_FAILED", api().post(path + forgotten.id() + "/mark-present", secretary,
                Map.of("reason", " ")).code());
        Member stranger = fixtures.member(fixtures.branch(fixtures.committee()));
        assertEquals(404, api().post(path + stranger.id() + "/mark-present", secretary, Map.of("reason", "x")).status());

        clock.advance(Duration.ofHours(2));
        meetings.close(id, secretary);
        var corrected = api().post(path + forgotten.id() + "/mark-present", secretary, Map.of("reason", "签到表补录"));
        assertEquals(201, corrected.status(), corrected::toString);
        assertEquals("PRESENT", corrected.json().get("status").asText());
        var list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals(2, list.get("counts").get("present").asInt());
        assertEquals(1, list.get("counts").get("absent").asInt());
        assertTrue(ledger.find(forgotten.id(), PointsAction.CHECK_IN, "meeting:" + id).isPresent());
        assertTrue(ledger.find(elderly.id(), PointsAction.CHECK_IN, "meeting:" + id).isPresent());

        // Fair play: nobody marks themselves present.
        var self = api().post(path + secretaryMember.id() + "/mark-present", secretary, Map.of("reason", "我来了"));
        assertEquals(403, self.status(), self::toString);
        assertEquals("SELF_MARKING", self.code());
        // And marking by hand ends 7 days (manual-marking-window) after the start: then the record is final.
        Member late = fixtures.member(branch);
        clock.set(start.plus(Duration.ofDays(7)).plusSeconds(1));
        var tooLate = api().post(path + secretaryMember.id() + "/mark-present", fixtures.token(fixtures.orgAdmin(
                fixtures.committee())), Map.of("reason", "x"));
        assertEquals(403, tooLate.status(), "another committee's admin may not run it: " + tooLate);
        var window = api().post(path + late.id() + "/mark-present", secretary, Map.of("reason", "补录"));
        assertEquals(409, window.status(), window::toString);
        assertEquals("MARKING_CLOSED", window.code());
    }
}
