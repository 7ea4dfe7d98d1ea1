package app.vanguard.identity;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;

/** In the prod environment the service refuses to start with the development ID-card hash key or a short one. */
@Context
@Requires(env = "prod")
public class IdCardHashKeyGuard {

    static final int MIN_LENGTH = 32;

    public IdCardHashKeyGuard(IdentitySettings settings, Environment environment) {
        String key = settings.getIdCardHashKey();
        if (key == null || key.length() < MIN_LENGTH || key.equals(IdCardHasher.DEV_KEY)) {
            throw new IllegalStateException("IDENTITY_HASH_KEY must be set to a secret of at least " + MIN_LENGTH
                    + " characters in the prod environment (environments " + environment.getActiveNames() + ")");
        }
    }
}
