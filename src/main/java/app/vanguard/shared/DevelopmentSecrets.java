package app.vanguard.shared;

import io.micronaut.context.env.Environment;

import java.util.Set;

/**
 * When the committed development secrets (JWT secret, ID-card hash key) may be used: only in a {@code dev} (the run
 * command) or {@code test} (the tests) environment, and never with {@code prod}. Any other start (a jar run without
 * environments, a forgotten MICRONAUT_ENVIRONMENTS) must bring real secrets, or it would accept self-signed tokens.
 */
public final class DevelopmentSecrets {

    private DevelopmentSecrets() {
    }

    public static boolean allowed(Environment environment) {
        Set<String> names = environment.getActiveNames();
        return !names.contains("prod") && (names.contains(Environment.DEVELOPMENT) || names.contains(Environment.TEST));
    }
}
