package app.vanguard.auth;

import app.vanguard.shared.FixedWindowCounter;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Throttles sign-in in Redis: failed attempts per phone (a guessed password) and all attempts per client IP
 * (spraying many phones). Over a limit the caller gets 429 with Retry-After until the window ends.
 */
@Singleton
public class LoginThrottle {

    private final FixedWindowCounter counter;
    private final int maxFailuresPerPhone;
    private final Duration phoneWindow;
    private final int maxAttemptsPerIp;
    private final Duration ipWindow;

    public LoginThrottle(FixedWindowCounter counter,
                         AuthSettings.Login settings) {
        this.counter = counter;
        this.maxFailuresPerPhone = settings.getMaxFailuresPerPhone();
        this.phoneWindow = settings.getPhoneWindow();
        this.maxAttemptsPerIp = settings.getMaxAttemptsPerIp();
        this.ipWindow = settings.getIpWindow();
    }

    /** Counts this attempt against the IP and refuses it if the IP or the phone is over its limit. */
    public void beforeAttempt(String phone, @Nullable String ip) {
        if (ip != null) {
            counter.limit(ipKey(ip), maxAttemptsPerIp, ipWindow,
                    "Too many sign-in attempts from this address; try again later");
        }
        counter.refuseWhileAtLimit(phoneKey(phone), maxFailuresPerPhone,
                "Too many failed sign-ins for this phone; try again later");
    }

    public void recordFailure(String phone) {
        counter.hit(phoneKey(phone), phoneWindow);
    }

    public void recordSuccess(String phone) {
        counter.reset(phoneKey(phone));
    }

    private static String phoneKey(String phone) {
        return "rl:login:phone:" + phone;
    }

    private static String ipKey(String ip) {
        return "rl:login:ip:" + ip;
    }
}
