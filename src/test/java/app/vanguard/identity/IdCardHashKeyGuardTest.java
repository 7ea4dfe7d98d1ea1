package app.vanguard.identity;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In prod the service will not start with the development ID-card hash key or a short one; the hash is keyed. */
class IdCardHashKeyGuardTest {

    private static final String JWT = "a-real-production-secret-of-enough-length-42";

    private static ApplicationContext prodContext(String key) {
        return ApplicationContext.builder().environments("prod")
                .properties(Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT,
                        "vanguard.identity.id-card-hash-key", key))
                .eagerInitSingletons(false).build();
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void developmentKeyStopsStartup() {
        ApplicationContext context = prodContext(IdCardHasher.DEV_KEY);
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> context.start().getBean(IdCardHashKeyGuard.class));
        assertTrue(messages(failure).contains("IDENTITY_HASH_KEY"), messages(failure));
        context.close();
    }

    @Test
    void shortKeyStopsStartup() {
        ApplicationContext context = prodContext("short");
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> context.start().getBean(IdCardHashKeyGuard.class));
        assertTrue(messages(failure).contains("IDENTITY_HASH_KEY"), messages(failure));
        context.close();
    }

    @Test
    void realKeyIsAcceptedAndTheHashDependsOnIt() {
        try (ApplicationContext context = prodContext("a-real-identity-hash-key-of-enough-length")) {
            context.start();
            assertTrue(context.getBean(IdCardHashKeyGuard.class) != null);
        }
        String number = "11010519491231002X";
        assertNotEquals(new IdCardHasher("key-one-0123456789012345678901234").hash(number),
                new IdCardHasher("key-two-0123456789012345678901234").hash(number));
    }

    /** Without prod, dev or test (a forgotten MICRONAUT_ENVIRONMENTS) the development key is refused too. */
    @Test
    void noEnvironmentWithTheDevelopmentKeyStopsStartup() {
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT,
                        "vanguard.identity.id-card-hash-key", IdCardHasher.DEV_KEY))
                .eagerInitSingletons(false).build();
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> context.start().getBean(IdCardHashKeyGuard.class));
        assertTrue(messages(failure).contains("IDENTITY_HASH_KEY"), messages(failure));
        context.close();
    }
}
