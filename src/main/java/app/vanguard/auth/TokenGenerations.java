package app.vanguard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Per-member access-token generations (撤销立即生效): every access token carries the generation it was issued at and is
 * accepted only while that is still the member's current one. Raising it (disabled, roles changed, password changed)
 * ends every older access token on every instance at once.
 * <p>
 * Cost per request: one in-process cache lookup. Each instance caches generations (at most 100 000 members, each
 * kept {@code generation-cache-ttl}) and learns of raises through the Redis channel {@value #CHANNEL} (message
 * {@code memberId:generation}, applied as a maximum, so order and repeats do not matter). While that subscription is
 * down (Redis unreachable, or reconnecting), a cached generation counts only for {@code generation-fallback-ttl}
 * (1 s): at most one indexed MySQL read per member per second, and a raise still takes effect within that second.
 * The cache is emptied whenever the subscription (re)connects, since raises may have been missed meanwhile.
 * <p>
 * A request never waits for MySQL on a thread it holds: {@link #prefetch} answers a future, and the members missing
 * from the cache are read together, {@value #PREFETCH_BATCH} to a statement, by one loader thread (a meeting's opening
 * minutes bring thousands of members whose tokens this instance has not seen yet).
 */
@Singleton
public class TokenGenerations {

    public static final String CHANNEL = "auth:token-generation";
    private static final Logger LOG = LoggerFactory.getLogger(TokenGenerations.class);

    private static final int PREFETCH_BATCH = 500;
    /** Members being read beyond which a request reads its own (the loader is far behind, or MySQL is down). */
    private static final int MAX_LOADING = 20_000;
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private record Entry(long generation, long loadedAtNanos) {
    }

    private final Map<Long, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();
    private final BlockingQueue<Long> toLoad = new LinkedBlockingQueue<>();
    private final Thread loader;
    private volatile boolean stopped;

    private final TokenGenerationStore store;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> redis;
    private final long fallbackNanos;
    private final Cache<Long, Entry> cache;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    public TokenGenerations(TokenGenerationStore store, RedisClient client, StatefulRedisConnection<String, String> redis,
                            AuthSettings settings) {
        this.store = store;
        this.client = client;
        this.redis = redis;
        this.fallbackNanos = settings.getGenerationFallbackTtl().toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(settings.getGenerationCacheTtl().toNanos(), TimeUnit.NANOSECONDS).build();
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscription) {
                    cache.invalidateAll(); // raises announced while we were away are unknown
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            }

            @Override
            public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable cause) {
            }
        });
        subscribe();
        this.loader = new Thread(this::loadMissing, "token-generations-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Whether an access token of this generation is still good. */
    public boolean accepts(long memberId, long tokenGeneration) {
        return tokenGeneration >= current(memberId);
    }

    /** The member's generation, from the cache when it can be trusted, else from MySQL. */
    public long current(long memberId) {
        Entry entry = trusted(memberId);
        if (entry != null) {
            return entry.generation();
        }
        return remember(memberId, store.current(memberId));
    }

    /**
     * Completes when {@link #current} can answer for the member from the cache (at once when it already can): a
     * member missing from it is read with the others missing at the same time, in one statement, off the caller's
     * thread. Should the read fail, the future still completes and {@link #current} reads MySQL itself.
     */
    public CompletableFuture<Void> prefetch(long memberId) {
        if (trusted(memberId) != null || stopped || loading.size() >= MAX_LOADING) {
            return READY;
        }
        return loading.computeIfAbsent(memberId, id -> {
            toLoad.add(id);
            return new CompletableFuture<>();
        });
    }

    /** Forgets every cached generation, as a restart would (tests). */
    void forgetAll() {
        cache.invalidateAll();
    }

    private Entry trusted(long memberId) {
        Entry entry = cache.getIfPresent(memberId);
        return entry != null && (subscribed() || System.nanoTime() - entry.loadedAtNanos() < fallbackNanos)
                ? entry : null;
    }

    private void loadMissing() {
        List<Long> batch = new ArrayList<>();
        while (!stopped) {
            try {
                batch.add(toLoad.take());
                toLoad.drainTo(batch, PREFETCH_BATCH - 1);
                try {
                    store.currentAll(batch).forEach(this::remember);
                } catch (RuntimeException e) {
                    LOG.debug("Token generations of {} members not prefetched: {}", batch.size(), e.toString());
                }
                for (Long id : batch) {
                    CompletableFuture<Void> waiting = loading.remove(id);
                    if (waiting != null) {
                        waiting.complete(null);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Token generation loader: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Read from MySQL, for a token being issued now. */
    public long fresh(long memberId) {
        return remember(memberId, store.current(memberId));
    }

    /** Ends every access token the member holds, on every instance. */
    public void raise(long memberId) {
        long generation = remember(memberId, store.raise(memberId));
        try {
            redis.sync().publish(CHANNEL, memberId + ":" + generation);
        } catch (RuntimeException e) {
            // Redis is down: other instances' subscriptions are down too, so they read MySQL every second.
            LOG.warn("Could not announce token generation {} of member {}: {}", generation, memberId, e.toString());
        }
    }

    private long remember(long memberId, long generation) {
        Entry fresh = new Entry(generation, System.nanoTime());
        return cache.asMap().merge(memberId, fresh, (old, neu) -> old.generation() > neu.generation() ? old : neu)
                .generation();
    }

    private boolean subscribed() {
        StatefulRedisPubSubConnection<String, String> s = subscription;
        return s != null && s.isOpen();
    }

    /** Subscribes (again, when Redis was down at start); Lettuce reconnects and resubscribes by itself afterwards. */
    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void subscribe() {
        if (subscription != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    int colon = message.indexOf(':');
                    try {
                        remember(Long.parseLong(message.substring(0, colon)),
                                Long.parseLong(message.substring(colon + 1)));
                    } catch (RuntimeException e) {
                        LOG.warn("Ignoring token generation message {}", message);
                    }
                }
            });
            try {
                connection.sync().subscribe(CHANNEL);
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
            subscription = connection;
        } catch (RuntimeException e) {
            LOG.warn("Token generation channel not subscribed yet: {}", e.toString());
        }
    }

    @PreDestroy
    void close() {
        stopped = true;
        loader.interrupt();
        loading.values().forEach(waiting -> waiting.complete(null)); // they read MySQL themselves, if it is still up
        StatefulRedisPubSubConnection<String, String> s = subscription;
        if (s != null) {
            s.close();
        }
    }

}
