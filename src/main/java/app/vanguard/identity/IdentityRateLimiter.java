package app.vanguard.identity;

import app.vanguard.shared.FixedWindowCounter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Fixed-window limits in Redis for the anonymous identity endpoints: registrations per client IP and per phone,
 * public badge checks per client IP. Over a limit: 429 with Retry-After until the window ends.
 */
@Singleton
public class IdentityRateLimiter {

    private final FixedWindowCounter counter;
    private final int registrationsPerIp;
    private final int registrationsPerPhone;
    private final Duration registrationWindow;
    private final int verificationsPerIp;
    private final Duration verificationWindow;

    public IdentityRateLimiter(FixedWindowCounter counter,
                               @Value("${vanguard.identity.registration.max-per-ip:10}") int registrationsPerIp,
                               @Value("${vanguard.identity.registration.max-per-phone:3}") int registrationsPerPhone,
                               @Value("${vanguard.identity.registration.window:1h}") Duration registrationWindow,
                               @Value("${vanguard.identity.badge-check.max-per-ip:60}") int verificationsPerIp,
                               @Value("${vanguard.identity.badge-check.window:1m}") Duration verificationWindow) {
        this.counter = counter;
        this.registrationsPerIp = registrationsPerIp;
        this.registrationsPerPhone = registrationsPerPhone;
        this.registrationWindow = registrationWindow;
        this.verificationsPerIp = verificationsPerIp;
        this.verificationWindow = verificationWindow;
    }

    public void registration(String ip, String phone) {
        check("rl:identity:register:ip:" + ip, registrationsPerIp, registrationWindow,
                "Too many registrations from this address; try again later");
        check("rl:identity:register:phone:" + phone, registrationsPerPhone, registrationWindow,
                "Too many registrations for this phone; try again later");
    }

    public void badgeCheck(String ip) {
        check("rl:identity:badge:ip:" + ip, verificationsPerIp, verificationWindow,
                "Too many badge checks from this address; try again later");
    }

    private void check(String key, int limit, Duration window, String message) {
        counter.limit(key, limit, window, message);
    }
}
