package app.vanguard.identity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * ID-card numbers (身份证号) are never stored: only a keyed HMAC-SHA256 (to recognise the same person declaring twice)
 * and the last 4 characters (for the secretary to compare with the card shown).
 */
@Singleton
public class IdCardHasher {

    static final String DEV_KEY = "dev-only-identity-hash-key-change-me-0123456789";
    static final String PATTERN = "^[0-9]{17}[0-9Xx]$";

    private final SecretKeySpec key;

    @Inject
    public IdCardHasher(IdentitySettings settings) {
        this(settings.getIdCardHashKey());
    }

    public IdCardHasher(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String idCardNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalise(idCardNumber).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String last4(String idCardNumber) {
        String n = normalise(idCardNumber);
        return n.substring(n.length() - 4);
    }

    static String normalise(String idCardNumber) {
        return idCardNumber.strip().toUpperCase(Locale.ROOT);
    }
}
