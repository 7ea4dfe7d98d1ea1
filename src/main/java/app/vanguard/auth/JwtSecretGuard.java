package app.vanguard.auth;

import io.micronaut.context.annotation.Context;
import app.vanguard.shared.DevelopmentSecrets;
import io.micronaut.context.env.Environment;

/**
 * The service refuses to start with the development JWT secret or a short one, unless a dev or test environment is
 * active (see {@link DevelopmentSecrets}).
 */
@Context
public class JwtSecretGuard {

    static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";
    static final int MIN_LENGTH = 32;

    public JwtSecretGuard(JwtSettings settings, Environment environment) {
        if (DevelopmentSecrets.allowed(environment)) {
            return;
        }
        String secret = settings.getSecret();
        if (secret == null || secret.length() < MIN_LENGTH || secret.equals(DEV_SECRET)) {
            throw new IllegalStateException("JWT_SECRET must be set to a secret of at least " + MIN_LENGTH
                    + " characters unless a dev or test environment is active (environments " + environment.getActiveNames() + ")");
        }
    }
}
