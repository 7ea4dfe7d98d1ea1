package app.vanguard.reading;

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
 */
@Singleton
public class ReadingCache {

    static final String GENERATION_KEY = "reading:plan-gen";
    private static final Logger LOG = LoggerFactory.getLogger(ReadingCache.class);

    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final ReadingSettings config;

    public ReadingCache(StatefulRedisConnection<String, String> redis, JsonMapper json, ReadingSettings config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** After a plan was set or removed or a document imported (after commit). */
    public void plansChanged() {
        try {
            redis.sync().incr(GENERATION_KEY);
        } catch (RedisException e) {
            LOG.warn("Could not bump the reading plan generation: {}", e.toString());
        }
    }

    TodayService.Shared today(long branchId, LocalDate date, Supplier<TodayService.Shared> compute) {
        String key;
        try {
            String generation = redis.sync().get(GENERATION_KEY);
            key = "reading:today:{branch:" + branchId + "}:" + (generation == null ? "0" : generation) + ":" + date;
            String cached = redis.sync().get(key);
            if (cached != null) {
                return json.readValue(cached, TodayService.Shared.class);
            }
        } catch (RedisException | IOException e) {
            LOG.warn("Reading cache unavailable, computing today from MySQL: {}", e.toString());
            return compute.get();
        }
        TodayService.Shared shared = compute.get();
        try {
            redis.sync().setex(key, config.getTodayCacheTtl().toSeconds(), json.writeValueAsString(shared));
        } catch (RedisException | IOException e) {
            LOG.warn("Could not cache today: {}", e.toString());
        }
        return shared;
    }
}
