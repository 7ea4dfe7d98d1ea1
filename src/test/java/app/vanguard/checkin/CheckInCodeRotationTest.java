package app.vanguard.checkin;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code rotates every 30 s: the current and the previous code are accepted, older ones refused. */
@MicronautTest(transactional = false)
class CheckInCodeRotationTest extends ApiTestBase {

    @Inject
    TestClock clock;

    private Meetings meetings;
    private Organisation branch;
    private String secretary;
    private long meetingId;
    private final Instant start = TestDates.at(0, 19, 0);

    @BeforeEach
    void setUp() {
        meetings = new Meetings(api(), server.getURI());
        branch = fixtures.branch(fixtures.committee());
        secretary = fixtures.token(fixtures.secretary(branch));
        clock.set(start.minus(Duration.ofMinutes(5)).plusSeconds(1)); // 1 s into a 30 s step
        meetingId = meetings.schedule(branch.id(), secretary, "BRANCH_GENERAL_MEETING", start);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void currentCodeIsAccepted() {
        String member = fixtures.token(fixtures.member(branch));
        // the member was not on the roster when the meeting was scheduled: not expected
        assertEquals(403, meetings.checkIn(meetingId, member, meetings.code(meetingId, secretary)).status());

        Member expected = fixtures.member(branch);
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        var r = meetings.checkIn(id, fixtures.token(expected), meetings.code(id, secretary));
        assertEquals(201, r.status(), r::toString);
        assertEquals("PRESENT", r.json().get("status").asText());
        assertEquals("CODE", r.json().get("method").asText());
    }

    @Test
    void previousCodeIsAcceptedAndOlderIsRefused() {
        Member a = fixtures.member(branch);
        Member b = fixtures.member(branch);
        long id = meetings.schedule(branch.id(), secretary, "PARTY_LESSON", start);
        String first = meetings.code(id, secretary);

        clock.advance(Duration.ofSeconds(30));
        String second = meetings.code(id, secretary);
        assertNotEquals(first, second, "the code changes every 30 s");
        var previous = meetings.checkIn(id, fixtures.token(a), first);
        assertEquals(201, previous.status(), "the previous step's code is still accepted: " + previous);

        clock.advance(Duration.ofSeconds(30));
        var older = meetings.checkIn(id, fixtures.token(b), first);
        assertEquals(422, older.status(), older::toString);
        assertEquals("WRONG_CODE", older.code());
        assertEquals(201, meetings.checkIn(id, fixtures.token(b), second).status(), "second is now the previous");
    }

    @Test
    void codeIsShownOnlyWhileCheckInIsOpen() {
        clock.set(start.minus(Duration.ofMinutes(31)));
        var early = api().get("/meetings/" + meetingId + "/code", secretary);
        assertEquals(409, early.status());
        assertEquals("CHECK_IN_NOT_OPEN", early.code());
        clock.set(start.plus(Duration.ofMinutes(61)));
        assertEquals("CHECK_IN_NOT_OPEN", api().get("/meetings/" + meetingId + "/code", secretary).code());
        clock.set(start.plus(Duration.ofMinutes(59)));
        var open = api().get("/meetings/" + meetingId + "/code", secretary);
        assertEquals(200, open.status());
        assertTrue(open.json().get("payload").asText().startsWith("vanguard://checkin?meeting=" + meetingId + "&code="));
    }

    @Test
    void theCodeAndItsQrAreOnlyForTheSecretary() throws Exception {
        String member = fixtures.token(fixtures.member(branch));
        assertEquals(403, api().get("/meetings/" + meetingId + "/code", member).status());
        assertEquals(403, api().get("/meetings/" + meetingId + "/code/qr", member).status());
        assertFalse(api().get("/meetings/" + meetingId, secretary).body().contains("ecret"), "no secret in the view");

        HttpResponse<byte[]> png = meetings.bytes("/meetings/" + meetingId + "/code/qr?size=300", secretary);
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertNotNull(image);
        assertEquals(300, image.getWidth());
        // A generated image: decode it as a pure barcode (finder-pattern detection alone misses some payloads).
        String payload = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(
                        image))), java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        assertEquals("vanguard://checkin?meeting=" + meetingId + "&code=" + meetings.code(meetingId, secretary),
                payload);
    }

}
