package app.vanguard.checkin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The rotating check-in code, computed like TOTP (RFC 6238): HMAC-SHA256 of the 30-second time step under the
 * meeting's random secret, dynamically truncated to 6 digits. A code is accepted for its own step and the next one.
 */
public final class CheckInCodes {

    public static final long STEP_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CheckInCodes() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    public static Instant stepEnd(long step) {
        return Instant.ofEpochSecond((step + 1) * STEP_SECONDS);
    }

    public static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            return sixDigits(binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Zero-padded to six digits (String.format was a measurable share of a check-in's CPU in bench/). */
    static String sixDigits(int value) {
        String digits = Integer.toString(value);
        return "000000".substring(digits.length()) + digits;
    }

    /** True when the code is the current step's or the previous step's (constant-time comparison). */
    public static boolean accepts(byte[] secret, Instant now, String code) {
        long current = step(now);
        byte[] given = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean ok = false;
        for (long s = current - 1; s <= current; s++) {
            ok |= MessageDigest.isEqual(given, code(secret, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return ok;
    }
}
