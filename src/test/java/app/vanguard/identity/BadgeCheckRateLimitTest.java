package app.vanguard.identity;

import app.vanguard.support.Api;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One address checking badges (or registering) too often gets 429 with Retry-After; other addresses do not. */
@MicronautTest(transactional = false)
@Property(name = "vanguard.client-address-header", value = "X-Test-Client")
@Property(name = "vanguard.identity.badge-check.max-per-ip", value = "3")
@Property(name = "vanguard.identity.registration.max-per-ip", value = "2")
@Property(name = "vanguard.identity.registration.max-per-phone", value = "1000")
class BadgeCheckRateLimitTest extends IdentityTestBase {

    @Test
    void publicBadgeChecksAreLimitedPerAddress() {
        String address = "10.9." + UUID.randomUUID().hashCode();
        for (int i = 0; i < 3; i++) {
            assertEquals(404, check(address).status());
        }
        Api.Response blocked = check(address);
        assertEquals(429, blocked.status(), blocked::toString);
        assertEquals("TOO_MANY_REQUESTS", blocked.code());
        long retryAfter = Long.parseLong(blocked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(404, check(address + "1").status(), "another address is not affected");
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        String address = "10.8." + UUID.randomUUID().hashCode();
        for (int i = 0; i < 2; i++) {
            assertEquals(404, register(address).status()); // unknown branch, but counted
        }
        Api.Response blocked = register(address);
        assertEquals(429, blocked.status(), blocked::toString);
        assertTrue(blocked.header("Retry-After").isPresent());
    }

    private Api.Response check(String address) {
        return api().send("GET", "/public/badges/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, null, null,
                Map.of("X-Test-Client", address));
    }

    private Api.Response register(String address) {
        return api().send("POST", "/identity/registrations", null, "application/json",
                Api.write(Map.of("phone", app.vanguard.support.Fixtures.newPhone(), "name", "某人",
                        "password", "hidden-member-1", "branchId", 999_999_999L)), Map.of("X-Test-Client", address));
    }
}
