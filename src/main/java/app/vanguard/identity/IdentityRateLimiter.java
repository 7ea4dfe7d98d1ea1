package app.vanguard.identity;

import app.vanguard.shared.TooManyRequestsException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Fixed-window limits in Redis for the anonymous identity endpoints: registrations per client IP and per phone,
 * public badge checks per client IP. Over a limit: 429 with Retry-After until the window ends.
 */
@Singleton
public class IdentityRateLimiter {

    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """;

    private final RedisCommands<String, String> redis;
    private final int registrationsPerIp;
    private final int registrationsPerPhone;
    private final Duration registrationWindow;
    private final int verificationsPerIp;
    private final Duration verificationWindow;

    public IdentityRateLimiter(StatefulRedisConnection<String, String> connection,
                               @Value("${vanguard.identity.registration.max-per-ip:10}") int registrationsPerIp,
                               @Value("${vanguard.identity.registration.max-per-phone:3}") int registrationsPerPhone,
                               @Value("${vanguard.identity.registration.window:1h}") Duration registrationWindow,
                               @Value("${vanguard.identity.badge-check.max-per-ip:60}") int verificationsPerIp,
                               @Value("${vanguard.identity.badge-check.window:1m}") Duration verificationWindow) {
        this.redis = connection.sync();
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
        List<Long> counted = redis.eval(INCREMENT, ScriptOutputType.MULTI, new String[]{key}, Long.toString(window.toMillis()));
        if (counted.get(0) > limit) {
            long millis = counted.get(1) == null ? 1000 : counted.get(1);
            throw new TooManyRequestsException(message, (millis + 999) / 1000);
        }
    }
}
