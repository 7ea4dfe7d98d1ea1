package app.vanguard.auth;

import app.vanguard.shared.TooManyRequestsException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Throttles sign-in in Redis: failed attempts per phone (a guessed password) and all attempts per client IP
 * (spraying many phones). Over a limit the caller gets 429 with Retry-After until the window ends.
 */
@Singleton
public class LoginThrottle {

    // INCR the counter, start its window on the first hit, return {count, remaining ms}.
    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """;

    private final RedisCommands<String, String> redis;
    private final int maxFailuresPerPhone;
    private final Duration phoneWindow;
    private final int maxAttemptsPerIp;
    private final Duration ipWindow;

    public LoginThrottle(StatefulRedisConnection<String, String> connection,
                         @Value("${vanguard.auth.login.max-failures-per-phone:5}") int maxFailuresPerPhone,
                         @Value("${vanguard.auth.login.phone-window:15m}") Duration phoneWindow,
                         @Value("${vanguard.auth.login.max-attempts-per-ip:30}") int maxAttemptsPerIp,
                         @Value("${vanguard.auth.login.ip-window:1m}") Duration ipWindow) {
        this.redis = connection.sync();
        this.maxFailuresPerPhone = maxFailuresPerPhone;
        this.phoneWindow = phoneWindow;
        this.maxAttemptsPerIp = maxAttemptsPerIp;
        this.ipWindow = ipWindow;
    }

    /** Counts this attempt against the IP and refuses it if the IP or the phone is over its limit. */
    public void beforeAttempt(String phone, @Nullable String ip) {
        if (ip != null) {
            List<Long> ipCount = increment(ipKey(ip), ipWindow);
            if (ipCount.get(0) > maxAttemptsPerIp) {
                throw new TooManyRequestsException("Too many sign-in attempts from this address; try again later",
                        seconds(ipCount.get(1)));
            }
        }
        String failures = redis.get(phoneKey(phone));
        if (failures != null && Long.parseLong(failures) >= maxFailuresPerPhone) {
            throw new TooManyRequestsException("Too many failed sign-ins for this phone; try again later",
                    seconds(redis.pttl(phoneKey(phone))));
        }
    }

    public void recordFailure(String phone) {
        increment(phoneKey(phone), phoneWindow);
    }

    public void recordSuccess(String phone) {
        redis.del(phoneKey(phone));
    }

    private List<Long> increment(String key, Duration window) {
        return redis.eval(INCREMENT, ScriptOutputType.MULTI, new String[]{key}, Long.toString(window.toMillis()));
    }

    private static long seconds(Long millis) {
        return millis == null || millis < 0 ? 1 : (millis + 999) / 1000;
    }

    private static String phoneKey(String phone) {
        return "rl:login:phone:" + phone;
    }

    private static String ipKey(String ip) {
        return "rl:login:ip:" + ip;
    }
}
