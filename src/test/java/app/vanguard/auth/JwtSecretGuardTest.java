package app.vanguard.auth;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In prod the service will not start with the development JWT secret or a short one. */
class JwtSecretGuardTest {

    private static ApplicationContext prodContext(String secret) {
        return ApplicationContext.builder()
                .environments("prod")
                .properties(Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", secret,
                        // prod also refuses the development ID-card hash key (identity.IdCardHashKeyGuard)
                        "vanguard.identity.id-card-hash-key", "a-real-identity-hash-key-of-enough-length"))
                .eagerInitSingletons(false)
                .build();
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void shortSecretStopsStartup() {
        ApplicationContext context = prodContext("too-short");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> context.start().getBean(JwtSecretGuard.class));
        assertTrue(rootMessage(failure).contains("JWT_SECRET"), rootMessage(failure));
        context.close();
    }

    @Test
    void developmentDefaultStopsStartup() {
        ApplicationContext context = prodContext(JwtSecretGuard.DEV_SECRET);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> context.start().getBean(JwtSecretGuard.class));
        assertTrue(rootMessage(failure).contains("JWT_SECRET"), rootMessage(failure));
        context.close();
    }

    @Test
    void longRealSecretIsAccepted() {
        try (ApplicationContext context = prodContext("a-real-production-secret-of-enough-length-42")) {
            context.start();
            assertTrue(context.getBean(JwtSecretGuard.class) != null);
        }
    }

    /** A deployment that forgets MICRONAUT_ENVIRONMENTS=prod (no environment at all) must not run on the dev secret. */
    @Test
    void noEnvironmentWithTheDevelopmentSecretStopsStartup() {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", JwtSecretGuard.DEV_SECRET,
                        "vanguard.identity.id-card-hash-key", "a-real-identity-hash-key-of-enough-length"))
                .eagerInitSingletons(false).build();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> context.start().getBean(JwtSecretGuard.class));
        assertTrue(rootMessage(failure).contains("JWT_SECRET"), rootMessage(failure));
        context.close();
    }

    @Test
    void theDevEnvironmentOfTheRunCommandMayUseIt() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).environments("dev")
                .properties(Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", JwtSecretGuard.DEV_SECRET))
                .eagerInitSingletons(false).build()) {
            context.start();
            assertTrue(context.getBean(JwtSecretGuard.class) != null);
        }
    }
}
