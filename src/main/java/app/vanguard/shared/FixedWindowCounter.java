package app.vanguard.shared;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters in Redis, the one mechanism behind every rate limit (sign-in, registration, badge checks,
 * check-in codes): one atomic script counts a hit, starts the window on the first one, and tells how long the window
 * has left.
 * <p>
 * Redis unavailable (timeout, outage, open circuit: {@link RedisGuard}): the same windows are counted in this
 * process instead, so limits still hold per instance and nothing waits on Redis. Counts do not move between the two.
 */
@Singleton
public class FixedWindowCounter {

    private static final Logger LOG = LoggerFactory.getLogger(FixedWindowCounter.class);
    /** Local windows kept before expired ones are swept. */
    private static final int SWEEP_AT = 10_000;

    // INCR the counter, start its window on the first hit, return {count, remaining ms}.
    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """;

    private final RedisCommands<String, String> redis;
    private final Clock clock;
    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

    public FixedWindowCounter(StatefulRedisConnection<String, String> connection, Clock clock) {
        this.redis = connection.sync();
        this.clock = clock;
    }

    /** The count in the current window (this hit included) and the milliseconds the window has left. */
    public record Hit(long count, long remainingMillis) {
        public long retryAfterSeconds() {
            return remainingMillis <= 0 ? 1 : (remainingMillis + 999) / 1000;
        }
    }

    private record LocalWindow(long endsAtMs, long count) {
    }

    public Hit hit(String key, Duration window) {
        try {
            List<Long> counted = redis.eval(INCREMENT, ScriptOutputType.MULTI, new String[]{key},
                    Long.toString(window.toMillis()));
            return new Hit(counted.get(0), counted.get(1) == null ? window.toMillis() : counted.get(1));
        } catch (RedisException e) {
            LOG.warn("Rate limit {} counted in process (Redis unavailable: {})", key, e.toString());
            return localHit(key, window);
        }
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
        long count;
        long ttl;
        try {
            String value = redis.get(key);
            count = value == null ? 0 : Long.parseLong(value);
            ttl = count >= limit ? redis.pttl(key) : 0;
        } catch (RedisException e) {
            long now = clock.millis();
            LocalWindow w = local.get(key);
            count = w == null || w.endsAtMs() <= now ? 0 : w.count();
            ttl = w == null ? 0 : w.endsAtMs() - now;
        }
        if (count >= limit) {
            throw new TooManyRequestsException(message, ttl < 0 ? 1 : (ttl + 999) / 1000);
        }
    }

    /** Ends the window early (e.g. a successful sign-in clears earlier failures). */
    public void reset(String key) {
        local.remove(key);
        try {
            redis.del(key);
        } catch (RedisException e) {
            LOG.warn("Rate limit {} not reset in Redis: {}", key, e.toString());
        }
    }

    private Hit localHit(String key, Duration window) {
        long now = clock.millis();
        if (local.size() > SWEEP_AT) {
            local.values().removeIf(w -> w.endsAtMs() <= now);
        }
        LocalWindow w = local.compute(key, (k, old) -> old == null || old.endsAtMs() <= now
                ? new LocalWindow(now + window.toMillis(), 1) : new LocalWindow(old.endsAtMs(), old.count() + 1));
        return new Hit(w.count(), w.endsAtMs() - now);
    }
}
