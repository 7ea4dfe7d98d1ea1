package app.vanguard.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;

/** In the prod environment the service refuses to start with the development JWT secret or a short one. */
@Context
@Requires(env = "prod")
public class JwtSecretGuard {

    static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";
    static final int MIN_LENGTH = 32;

    public JwtSecretGuard(JwtSettings settings, Environment environment) {
        String secret = settings.getSecret();
        if (secret == null || secret.length() < MIN_LENGTH || secret.equals(DEV_SECRET)) {
            throw new IllegalStateException("JWT_SECRET must be set to a secret of at least " + MIN_LENGTH
                    + " characters in the prod environment (environments " + environment.getActiveNames() + ")");
        }
    }
}
