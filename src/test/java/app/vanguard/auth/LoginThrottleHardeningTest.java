package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-phone sign-in limit cannot be dodged by writing the phone differently or by a parallel burst, a spoofed
 * X-Forwarded-For entry does not count, and strangers' failures do not lock the member out of a known device.
 */
@MicronautTest(transactional = false)
@Property(name = "vanguard.client-address-header", value = "X-Forwarded-For")
@Property(name = "vanguard.auth.login.max-attempts-per-ip", value = "1000")
class LoginThrottleHardeningTest extends ApiTestBase {

    private Api.Response login(String phone, String password, String forwardedFor) {
        return api().send("POST", "/auth/login", null, "application/json",
                Api.write(Map.of("phone", phone, "password", password)), Map.of("X-Forwarded-For", forwardedFor));
    }

    private static String fullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(c -> sb.append((char) (c - '0' + '０')));
        return sb.toString();
    }

    @Test
    void everySpellingOfAPhoneIsTheSamePhone() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String p = member.phone();
        assertEquals(200, login("+86 " + fullWidth(p), Fixtures.PASSWORD, "10.1.0.1").status());
        assertEquals(200, login(p.substring(0, 3) + " " + p.substring(3, 7) + "-" + p.substring(7), Fixtures.PASSWORD, "10.1.0.1").status());

        Member other = fixtures.member(fixtures.branch(fixtures.committee()));
        String q = other.phone();
        List<String> spellings = List.of(q, "+86" + q, fullWidth(q), "86" + q, " " + q + " ");
        for (String spelling : spellings) {
            assertEquals(401, login(spelling, "wrong-password", "10.1.0.2").status(), spelling);
        }
        var blocked = login("0086" + q, Fixtures.PASSWORD, "10.1.0.2");
        assertEquals(429, blocked.status(), blocked::toString);
    }

    @Test
    void aParallelBurstGetsNoMoreThanFiveTries() throws Exception {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(pool.submit(() -> login(member.phone(), "wrong-password", "10.2.0.1").status()));
            }
            int tried = 0;
            for (Future<Integer> f : results) {
                int status = f.get();
                assertTrue(status == 401 || status == 429, "status " + status);
                tried += status == 401 ? 1 : 0;
            }
            assertEquals(5, tried);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void strangersCannotLockTheMemberOutOfTheirOwnDevice() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        assertEquals(200, login(member.phone(), Fixtures.PASSWORD, "10.3.0.1").status());
        // A stranger fails 5 times, pretending (on the left of the header) to be the member's device.
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(member.phone(), "guess-" + i, "10.3.0.1, 10.3.0.66").status());
        }
        assertEquals(429, login(member.phone(), "guess-x", "10.3.0.1, 10.3.0.66").status());
        assertEquals(429, login(member.phone(), Fixtures.PASSWORD, "10.3.0.77").status());
        // The member's own device still signs in.
        var own = login(member.phone(), Fixtures.PASSWORD, "10.3.0.1");
        assertEquals(200, own.status(), own::toString);
    }
}
