package app.vanguard.auth;

import app.vanguard.shared.FixedWindowCounter;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Throttles sign-in in Redis: attempts per phone without a success (a guessed password) and all attempts per client
 * IP (spraying many phones). Over a limit the caller gets 429 with Retry-After until the window ends.
 * <p>
 * Every attempt is counted (one atomic INCR) <em>before</em> the password is checked, so a parallel burst gets no
 * more tries than a sequential one; a success clears the count. Against lock-out by strangers (anyone failing 5
 * times every 15 minutes): an address the member signed in from successfully within {@value #KNOWN_DAYS} days
 * (a known device) has a count of its own per phone, so strangers' failures elsewhere never block it, while
 * attempts from it are still limited to the same number.
 */
@Singleton
public class LoginThrottle {

    static final int KNOWN_DAYS = 30;

    private final FixedWindowCounter counter;
    private final RedisCommands<String, String> redis;
    private final int maxFailuresPerPhone;
    private final Duration phoneWindow;
    private final int maxAttemptsPerIp;
    private final Duration ipWindow;

    public LoginThrottle(FixedWindowCounter counter, StatefulRedisConnection<String, String> redis,
                         AuthSettings.Login settings) {
        this.counter = counter;
        this.redis = redis.sync();
        this.maxFailuresPerPhone = settings.getMaxFailuresPerPhone();
        this.phoneWindow = settings.getPhoneWindow();
        this.maxAttemptsPerIp = settings.getMaxAttemptsPerIp();
        this.ipWindow = settings.getIpWindow();
    }

    /** Counts this attempt against the IP and the phone and refuses it if either is over its limit. */
    public void beforeAttempt(String phone, @Nullable String ip) {
        if (ip != null) {
            counter.limit(ipKey(ip), maxAttemptsPerIp, ipWindow,
                    "Too many sign-in attempts from this address; try again later");
        }
        String key = ip != null && knownDevice(phone, ip) ? phoneKey(phone) + ":" + ip : phoneKey(phone);
        counter.limit(key, maxFailuresPerPhone, phoneWindow, "Too many failed sign-ins for this phone; try again later");
    }

    /** The password was right: the counts start again, and the address becomes a known device of the phone. */
    public void recordSuccess(String phone, @Nullable String ip) {
        counter.reset(phoneKey(phone));
        if (ip != null) {
            counter.reset(phoneKey(phone) + ":" + ip);
            try {
                redis.set(knownKey(phone, ip), "1", SetArgs.Builder.px(Duration.ofDays(KNOWN_DAYS).toMillis()));
            } catch (RedisException e) {
                // Redis unavailable: the device is simply not remembered this time.
            }
        }
    }

    /** Redis unavailable: no device counts as known (the phone's own count, kept in process, applies). */
    private boolean knownDevice(String phone, String ip) {
        try {
            return redis.exists(knownKey(phone, ip)) > 0;
        } catch (RedisException e) {
            return false;
        }
    }

    private static String phoneKey(String phone) {
        return "rl:login:phone:" + phone;
    }

    private static String knownKey(String phone, String ip) {
        return "rl:login:known:" + phone + ":" + ip;
    }

    private static String ipKey(String ip) {
        return "rl:login:ip:" + ip;
    }
}
