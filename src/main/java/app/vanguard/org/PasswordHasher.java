package app.vanguard.org;

import app.vanguard.shared.ApiException;
import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/** BCrypt password hashing (at.favre.lib:bcrypt). */
@Singleton
public class PasswordHasher {

    private final int cost;
    private final String dummyHash;

    public PasswordHasher(PasswordSettings settings) {
        this.cost = settings.getBcryptCost();
        this.dummyHash = hash("not-a-real-password");
    }

    /** BCrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;

    /** Hashes a new password; one over {@value #MAX_BYTES} UTF-8 bytes is refused (400) naming {@code field}. */
    public String hash(String password, String field) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalid(field, "at most " + MAX_BYTES + " bytes in UTF-8 (e.g. 72 letters or 24 Chinese characters)");
        }
        return hash(password);
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** Verifies; with no stored hash it still spends the time of a check so unknown phones are not revealed. */
    public boolean matches(String password, @Nullable String storedHash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false; // no stored password is that long
        }
        String hash = storedHash == null ? dummyHash : storedHash;
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && storedHash != null;
    }
}
