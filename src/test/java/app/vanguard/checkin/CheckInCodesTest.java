package app.vanguard.checkin;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rotating check-in code on its own (no server): steps, the HMAC-SHA256 truncation, what is accepted. */
class CheckInCodesTest {

    private static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) i;
        }
    }

    @Test
    void codesAreSixDigitsFromHmacSha256OfTheStep() {
        // Expected values computed independently (Python hmac/hashlib, dynamic truncation as in RFC 4226).
        assertEquals("464393", CheckInCodes.code(SECRET, 0));
        assertEquals("309558", CheckInCodes.code(SECRET, 1));
        assertEquals("530560", CheckInCodes.code(SECRET, 59_000_000));
    }

    @Test
    void codesKeepTheirLeadingZeros() {
        assertEquals("000000", CheckInCodes.sixDigits(0));
        assertEquals("000042", CheckInCodes.sixDigits(42));
        assertEquals("999999", CheckInCodes.sixDigits(999_999));
    }

    @Test
    void stepsAreThirtySecondsLong() {
        assertEquals(0, CheckInCodes.step(Instant.ofEpochSecond(29)));
        assertEquals(1, CheckInCodes.step(Instant.ofEpochSecond(30)));
        assertEquals(-1, CheckInCodes.step(Instant.ofEpochSecond(-1)));
        assertEquals(Instant.ofEpochSecond(60), CheckInCodes.stepEnd(1));
    }

    @Test
    void acceptsTheCurrentAndThePreviousCodeOnly() {
        Instant now = Instant.ofEpochSecond(59_000_000L * 30 + 7);
        long step = CheckInCodes.step(now);
        assertTrue(CheckInCodes.accepts(SECRET, now, CheckInCodes.code(SECRET, step)));
        assertTrue(CheckInCodes.accepts(SECRET, now, CheckInCodes.code(SECRET, step - 1)));
        assertFalse(CheckInCodes.accepts(SECRET, now, CheckInCodes.code(SECRET, step - 2)));
        assertFalse(CheckInCodes.accepts(SECRET, now, CheckInCodes.code(SECRET, step + 1)));
        assertFalse(CheckInCodes.accepts(SECRET, now, "12345"));
        assertFalse(CheckInCodes.accepts(SECRET, now, ""));
    }

    @Test
    void secretsAreFreshAndCodesDependOnThem() {
        byte[] a = CheckInCodes.newSecret();
        byte[] b = CheckInCodes.newSecret();
        assertEquals(32, a.length);
        assertFalse(java.util.Arrays.equals(a, b));
        assertNotEquals(CheckInCodes.code(SECRET, 1), CheckInCodes.code(a, 1));
    }
}
