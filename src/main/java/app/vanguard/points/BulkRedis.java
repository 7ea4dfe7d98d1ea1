package app.vanguard.points;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Opens the Redis connection that bulk board writes (rebuild and catch-up pages) use, apart from the shared one:
 * see {@link Boards}.
 */
@FunctionalInterface
public interface BulkRedis {

    StatefulRedisConnection<String, String> open();

    /** By default a new connection of the application's Redis client. */
    @Factory
    class Default {
        @Singleton
        BulkRedis bulkRedis(RedisClient client) {
            return client::connect;
        }
    }
}
