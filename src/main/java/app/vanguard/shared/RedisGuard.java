package app.vanguard.shared;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a Redis outage from hanging requests (issue 15 item 11). Every command is bounded by
 * {@code vanguard.redis.command-timeout}; while the connection is down, commands are rejected at once instead of
 * queued (Lettuce {@code REJECT_COMMANDS}); and a circuit breaker (resilience4j) in front of the shared connection's
 * sync and async APIs fails calls at once after repeated failures (a hung Redis), letting one call probe it again
 * after {@code breaker-open-for}. Refused calls throw {@link RedisConnectionException}: callers with a MySQL source
 * or an in-process fallback catch {@link RedisException}; the rest answer 503 REDIS_UNAVAILABLE with Retry-After.
 */
@Singleton
public class RedisGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);
    /** Connection housekeeping, never a command: not counted by the breaker. */
    private static final Set<String> NOT_COMMANDS = Set.of("getStatefulConnection", "setTimeout", "isOpen", "reset",
            "setAutoFlushCommands", "flushCommands", "close", "getTimeout", "getOptions", "getResources",
            "addListener", "removeListener", "setClientName");

    private final CircuitBreaker breaker;
    private final RedisSettings settings;

    public RedisGuard(RedisSettings settings) {
        this.settings = settings;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.getBreakerWindow())
                .minimumNumberOfCalls(settings.getBreakerWindow())
                .failureRateThreshold(settings.getBreakerFailureRate())
                .waitDurationInOpenState(settings.getBreakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(RedisGuard::isOutage)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("Redis circuit: {}", e.getStateTransition()));
    }

    /** A failure that says Redis is unreachable or too slow (not a command's own error, e.g. a script's). */
    static boolean isOutage(Throwable t) {
        return t instanceof RedisException && !(t instanceof RedisCommandExecutionException);
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Refuses at once while the circuit is open. */
    public void acquire() {
        if (!breaker.tryAcquirePermission()) {
            throw new RedisConnectionException("Redis is unavailable (circuit open); not asked");
        }
    }

    /** Wraps a connection so its commands go through the breaker; used for the application's shared connection. */
    @SuppressWarnings("unchecked")
    public <K, V> StatefulRedisConnection<K, V> guard(StatefulRedisConnection<K, V> connection) {
        connection.setTimeout(settings.getCommandTimeout());
        RedisCommands<K, V> sync = (RedisCommands<K, V>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RedisCommands.class}, commands(connection.sync(), false));
        RedisAsyncCommands<K, V> async = (RedisAsyncCommands<K, V>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RedisAsyncCommands.class}, commands(connection.async(), true));
        return (StatefulRedisConnection<K, V>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{StatefulRedisConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sync" -> sync;
                    case "async" -> async;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "guarded " + connection;
                    default -> invoke(connection, method, args);
                });
    }

    private InvocationHandler commands(Object target, boolean async) {
        return (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class || NOT_COMMANDS.contains(method.getName())) {
                return invoke(target, method, args);
            }
            acquire();
            long start = System.nanoTime();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e.getCause());
                throw e.getCause();
            }
            if (async && result instanceof RedisFuture<?> future) {
                future.whenComplete((value, error) -> {
                    if (error == null) {
                        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    } else {
                        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, unwrap(error));
                    }
                });
            } else {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return result;
        };
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Client options: commands time out, and are rejected at once while disconnected (never queued for minutes). */
    @Singleton
    static class ClientOptionsSetter implements BeanCreatedEventListener<RedisClient> {
        private final RedisSettings settings;

        ClientOptionsSetter(RedisSettings settings) {
            this.settings = settings;
        }

        @Override
        public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
            RedisClient client = event.getBean();
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.builder().timeoutCommands().connectionTimeout().build())
                    .socketOptions(SocketOptions.builder().connectTimeout(settings.getConnectTimeout()).build())
                    .build());
            return client;
        }
    }

    /** The application's shared connection goes through the breaker. */
    @Singleton
    static class ConnectionGuard implements BeanCreatedEventListener<StatefulRedisConnection<?, ?>> {
        private final jakarta.inject.Provider<RedisGuard> guard;

        ConnectionGuard(jakarta.inject.Provider<RedisGuard> guard) {
            this.guard = guard;
        }

        @Override
        public StatefulRedisConnection<?, ?> onCreated(BeanCreatedEvent<StatefulRedisConnection<?, ?>> event) {
            return guard.get().guard(event.getBean());
        }
    }
}
