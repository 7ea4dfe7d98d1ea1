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

    private long points(String token) {
        return api().get("/me/points", token).json().path("allTimePoints").asLong();
    }

    @Test
    void outsideTheFenceIsHeldForTheSecretaryAndEarnsPointsOnlyWhenConfirmed() {
        var confirmed = fixtures.member(branch);
        var refused = fixtures.member(branch);
        String member = fixtures.token(confirmed);
        String other = fixtures.token(refused);
        long id = fenced("FLAG");
        var r = meetings.checkIn(id, member, meetings.code(id, secretary), FAR, LON);
        assertEquals(201, r.status(), r::toString);
        assertEquals("HELD", r.json().get("status").asText());
        assertTrue(r.json().get("suspected").asBoolean());
        assertTrue(r.json().get("distanceM").asInt() > 1000);
        assertEquals(0, points(member), "no points while held");
        // Checking in again (now inside) changes nothing: the first record stands.
        var again = meetings.checkIn(id, member, meetings.code(id, secretary), NEAR, LON);
        assertEquals(200, again.status(), again::toString);
        assertEquals("HELD", again.json().get("status").asText());
        assertEquals(201, meetings.checkIn(id, other, meetings.code(id, secretary), FAR, LON).status());

        var list = api().get("/meetings/" + id + "/attendance", secretary).json();
        assertEquals(2, list.get("counts").get("suspected").asInt());
        assertEquals(2, list.get("counts").get("held").asInt());
        assertEquals(0, list.get("counts").get("present").asInt());

        var ok = api().post("/meetings/" + id + "/attendance/" + confirmed.id() + "/confirm", secretary, null);
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("PRESENT", ok.json().get("status").asText());
        assertEquals(5, points(member));
        var twice = api().post("/meetings/" + id + "/attendance/" + confirmed.id() + "/confirm", secretary, null);
        assertEquals(200, twice.status(), "a retried confirm answers as the first did: " + twice);
        assertEquals(ok.json().toString(), twice.json().toString());
        assertEquals(5, points(member));
        // Only whoever runs the meeting decides.
        assertEquals(403, api().post("/meetings/" + id + "/attendance/" + refused.id() + "/confirm", other, null).status());

        var no = api().post("/meetings/" + id + "/attendance/" + refused.id() + "/refuse", secretary,
                java.util.Map.of("reason", "定位在 1 公里外"));
        assertEquals(200, no.status(), no::toString);
        assertEquals("ABSENT", no.json().get("status").asText());
        assertEquals("定位在 1 公里外", no.json().get("reason").asText());
        assertEquals(0, points(other));
        assertEquals(400, api().post("/meetings/" + id + "/attendance/" + refused.id() + "/refuse", secretary,
                java.util.Map.of("reason", " ")).status());
    }

    @Test
    void aFenceWithoutAPolicyRefusesOutside() {
        Map<String, Object> body = Meetings.request("THEMED_PARTY_DAY", start);
        body.put("geofence", Map.of("latitude", LAT, "longitude", LON, "radiusM", 200));
        String member = fixtures.token(fixtures.member(branch));
        var scheduled = meetings.schedule(branch.id(), secretary, body);
        assertEquals("REFUSE", scheduled.get("geofence").get("policy").asText());
        long id = scheduled.get("id").asLong();
        var r = meetings.checkIn(id, member, meetings.code(id, secretary), FAR, LON);
        assertEquals(422, r.status(), r::toString);
        assertEquals("OUTSIDE_GEOFENCE", r.code());
    }

    @Test
    void membersNeverReceiveTheFence() {
        String member = fixtures.token(fixtures.member(branch));
        long id = fenced("REFUSE");
        var mine = api().get("/meetings/" + id, member).json();
        assertTrue(mine.path("geofence").isMissingNode(), mine::toString);
        assertTrue(mine.get("locationRequired").asBoolean());
        assertFalse(mine.get("online").asBoolean());
        for (var m : api().get("/me/meetings?when=upcoming", member).json().get("items")) {
            assertTrue(m.path("geofence").isMissingNode(), m::toString);
        }
        var theirs = api().get("/meetings/" + id, secretary).json();
        assertEquals(200, theirs.get("geofence").get("radiusM").asInt());
    }

    @Test
    void aMeetingWithoutAPlaceIsMarkedOnline() {
        Map<String, Object> body = Meetings.request("THEMED_PARTY_DAY", start);
        body.remove("place");
        String member = fixtures.token(fixtures.member(branch));
        long id = meetings.schedule(branch.id(), secretary, body).get("id").asLong();
        assertTrue(api().get("/meetings/" + id, member).json().get("online").asBoolean());
        assertFalse(api().get("/meetings/" + id, member).json().get("locationRequired").asBoolean());
        assertTrue(api().get("/meetings/" + id + "/attendance", secretary).json().get("online").asBoolean());
        assertTrue(new String(meetings.bytes("/meetings/" + id + "/attendance/export", secretary).body(),
                java.nio.charset.StandardCharsets.UTF_8).contains("online"));
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
