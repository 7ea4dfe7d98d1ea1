package app.vanguard.reading;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * Redis cache of what every member of a branch shares on a day: the plan in force and the day's (and the catch-up
 * window's) articles. Keyed by branch, day and a plan generation that every plan change or document import bumps, so
 * any instance sees a change at once and stale entries simply expire. Redis down: computed from MySQL every time.
 * <p>
 * Each instance also keeps the days it has read in memory under the same key (at most
 * {@code vanguard.reading.today-local-cache-size}, each for {@code today-cache-ttl}): a request then costs one Redis
 * GET (the generation) and no JSON parsing. The key changes with every plan change, so a kept day is never stale. A
 * missing generation (Redis lost it) is started again at a random number (not at 0 or 1), so no generation number
 * is reused for different plans (a kept day of the old number would be stale).
 */
@Singleton
public class ReadingCache {

    static final String GENERATION_KEY = "reading:plan-gen";
    private static final Logger LOG = LoggerFactory.getLogger(ReadingCache.class);

    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final ReadingSettings config;
    private final Cache<String, TodayService.Shared> local;

    public ReadingCache(StatefulRedisConnection<String, String> redis, JsonMapper json, ReadingSettings config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.local = Caffeine.newBuilder().maximumSize(config.getTodayLocalCacheSize())
                .expireAfterWrite(config.getTodayCacheTtl()).build();
    }

    /** After a plan was set or removed or a document imported (after commit). */
    public void plansChanged() {
        try {
            redis.sync().setnx(GENERATION_KEY, freshGeneration()); // lost: start afresh, never at 1 again
            redis.sync().incr(GENERATION_KEY);
        } catch (RedisException e) {
            LOG.warn("Could not bump the reading plan generation: {}", e.toString());
        }
    }

    /** A generation to start from after Redis lost it: random in [2^40, 2^52), far from any counter before. */
    private static String freshGeneration() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52));
    }

    TodayService.Shared today(long branchId, LocalDate date, Supplier<TodayService.Shared> compute) {
        String key;
        try {
            String generation = redis.sync().get(GENERATION_KEY);
            if (generation == null) {
                redis.sync().setnx(GENERATION_KEY, freshGeneration());
                generation = redis.sync().get(GENERATION_KEY);
            }
            key = "reading:today:{branch:" + branchId + "}:" + generation + ":" + date;
            TodayService.Shared kept = local.getIfPresent(key);
            if (kept != null) {
                return kept;
            }
            String cached = redis.sync().get(key);
            if (cached != null) {
                TodayService.Shared shared = json.readValue(cached, TodayService.Shared.class);
                local.put(key, shared);
                return shared;
            }
        } catch (RedisException | IOException e) {
            LOG.warn("Reading cache unavailable, computing today from MySQL: {}", e.toString());
            return compute.get();
        }
        TodayService.Shared shared = compute.get();
        try {
            redis.sync().setex(key, config.getTodayCacheTtl().toSeconds(), json.writeValueAsString(shared));
            local.put(key, shared);
        } catch (RedisException | IOException e) {
            LOG.warn("Could not cache today: {}", e.toString());
        }
        return shared;
    }
}
