package app.vanguard.identity;

import io.micronaut.context.annotation.Context;
import app.vanguard.shared.DevelopmentSecrets;
import io.micronaut.context.env.Environment;

/**
 * The service refuses to start with the development ID-card hash key or a short one, unless a dev or test environment is
 * active (see {@link DevelopmentSecrets}).
 */
@Context
public class IdCardHashKeyGuard {

    static final int MIN_LENGTH = 32;

    public IdCardHashKeyGuard(IdentitySettings settings, Environment environment) {
        if (DevelopmentSecrets.allowed(environment)) {
            return;
        }
        String key = settings.getIdCardHashKey();
        if (key == null || key.length() < MIN_LENGTH || key.equals(IdCardHasher.DEV_KEY)) {
            throw new IllegalStateException("IDENTITY_HASH_KEY must be set to a secret of at least " + MIN_LENGTH
                    + " characters unless a dev or test environment is active (environments " + environment.getActiveNames() + ")");
        }
    }
}
