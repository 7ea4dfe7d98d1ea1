package app.vanguard.org;

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

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** Verifies; with no stored hash it still spends the time of a check so unknown phones are not revealed. */
    public boolean matches(String password, @Nullable String storedHash) {
        String hash = storedHash == null ? dummyHash : storedHash;
        boolean ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
        return ok && storedHash != null;
    }
}
