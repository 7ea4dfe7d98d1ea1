package app.vanguard.identity;

import app.vanguard.shared.FixedWindowCounter;
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
                               IdentitySettings.Registration registration, IdentitySettings.BadgeCheck badgeCheck) {
        this.counter = counter;
        this.registrationsPerIp = registration.getMaxPerIp();
        this.registrationsPerPhone = registration.getMaxPerPhone();
        this.registrationWindow = registration.getWindow();
        this.verificationsPerIp = badgeCheck.getMaxPerIp();
        this.verificationWindow = badgeCheck.getWindow();
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
