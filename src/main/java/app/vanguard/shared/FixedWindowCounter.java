package app.vanguard.shared;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Fixed-window counters in Redis, the one mechanism behind every rate limit (sign-in, registration, badge checks):
 * one atomic script counts a hit, starts the window on the first one, and tells how long the window has left.
 */
@Singleton
public class FixedWindowCounter {

    // INCR the counter, start its window on the first hit, return {count, remaining ms}.
    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """;

    private final RedisCommands<String, String> redis;

    public FixedWindowCounter(StatefulRedisConnection<String, String> connection) {
        this.redis = connection.sync();
    }

    /** The count in the current window (this hit included) and the milliseconds the window has left. */
    public record Hit(long count, long remainingMillis) {
        public long retryAfterSeconds() {
            return remainingMillis <= 0 ? 1 : (remainingMillis + 999) / 1000;
        }
    }

    public Hit hit(String key, Duration window) {
        List<Long> counted = redis.eval(INCREMENT, ScriptOutputType.MULTI, new String[]{key},
                Long.toString(window.toMillis()));
        return new Hit(counted.get(0), counted.get(1) == null ? window.toMillis() : counted.get(1));
    }

    /** Counts a hit and refuses it with 429 + Retry-After once the window holds more than {@code limit}. */
    public void limit(String key, int limit, Duration window, String message) {
        Hit hit = hit(key, window);
        if (hit.count() > limit) {
            throw new TooManyRequestsException(message, hit.retryAfterSeconds());
        }
    }

    /** Refuses with 429 + Retry-After while the window's count (hits recorded elsewhere) has reached {@code limit}. */
    public void refuseWhileAtLimit(String key, int limit, String message) {
        String count = redis.get(key);
        if (count != null && Long.parseLong(count) >= limit) {
            Long ttl = redis.pttl(key);
            throw new TooManyRequestsException(message, ttl == null || ttl < 0 ? 1 : (ttl + 999) / 1000);
        }
    }

    /** Ends the window early (e.g. a successful sign-in clears earlier failures). */
    public void reset(String key) {
        redis.del(key);
    }
}
