package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A geofenced meeting: inside is accepted; outside is refused or flagged as the meeting says. */
@MicronautTest(transactional = false)
class CheckInGeofenceTest extends ApiTestBase {

    // 深圳市民中心 and two points: ~110 m north, ~1.1 km north.
    private static final double LAT = 22.5431, LON = 114.0579;
    private static final double NEAR = LAT + 0.001, FAR = LAT + 0.01;

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private final Instant start = TestDates.at(0, 19, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(start.minusSeconds(60));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long fenced(String policy) {
        Map<String, Object> body = Meetings.request("THEMED_PARTY_DAY", start);
        body.put("geofence", Map.of("latitude", LAT, "longitude", LON, "radiusM", 200, "policy", policy));
        return meetings.schedule(branch.id(), secretary, body).get("id").asLong();
    }

    @Test
    void insideTheFenceIsAcceptedWithTheDistance() {
        String member = fixtures.token(fixtures.member(branch));
        long id = fenced("REFUSE");
        var r = meetings.checkIn(id, member, meetings.code(id, secretary), NEAR, LON);
        assertEquals(201, r.status(), r::toString);
        int distance = r.json().get("distanceM").asInt();
        assertTrue(distance > 100 && distance < 120, "about 111 m: " + distance);
        assertFalse(r.json().get("suspected").asBoolean());
    }

    @Test
    void outsideTheFenceIsRefusedWhenTheMeetingSaysSo() {
        String member = fixtures.token(fixtures.member(branch));
        long id = fenced("REFUSE");
        var r = meetings.checkIn(id, member, meetings.code(id, secretary), FAR, LON);
        assertEquals(422, r.status(), r::toString);
        assertEquals("OUTSIDE_GEOFENCE", r.code());
        var list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals(0, list.get("counts").get("present").asInt());
    }

    @Test
    void outsideTheFenceIsAcceptedAndFlaggedForTheSecretary() {
        String member = fixtures.token(fixtures.member(branch));
        long id = fenced("FLAG");
        var r = meetings.checkIn(id, member, meetings.code(id, secretary), FAR, LON);
        assertEquals(201, r.status(), r::toString);
        assertTrue(r.json().get("suspected").asBoolean());
        assertTrue(r.json().get("distanceM").asInt() > 1000);
        var list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals(1, list.get("counts").get("suspected").asInt());
    }

    @Test
    void aFencedMeetingNeedsTheLocation() {
        String member = fixtures.token(fixtures.member(branch));
        long id = fenced("FLAG");
        var r = meetings.checkIn(id, member, meetings.code(id, secretary));
        assertEquals(400, r.status(), r::toString);
        assertEquals("VALIDATION_FAILED", r.code());
    }
}
