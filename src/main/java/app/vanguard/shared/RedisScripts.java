package app.vanguard.shared;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Lua scripts on Redis, the one way both leaderboard engines (points boards, contest boards) update atomically:
 * a script runs by its SHA-1 and is sent whole only when Redis does not know it (after a restart or flush); a call
 * waits at most a given time. Every key a script touches must share one hash tag (Redis Cluster).
 */
public final class RedisScripts {

    private static final Map<String, String> SHAS = new ConcurrentHashMap<>();

    private RedisScripts() {
    }

    /** Runs the script and waits at most {@code timeout}. */
    public static <T> T eval(RedisAsyncCommands<String, String> async, Duration timeout, String script,
                             ScriptOutputType type, String[] keys, String... args) {
        return await(evalsha(async, script, type, keys, args), timeout);
    }

    /** Sends the script (by SHA-1, whole on NOSCRIPT) without waiting. */
    public static <T> CompletableFuture<T> evalsha(RedisAsyncCommands<String, String> async, String script,
                                                   ScriptOutputType type, String[] keys, String... args) {
        String sha = SHAS.computeIfAbsent(script, RedisScripts::sha1);
        CompletableFuture<T> first = async.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return first.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof RedisNoScriptException) {
                return async.<T>eval(script, type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(Function.identity());
    }

    /** Waits at most {@code timeout} for a Redis reply; Redis's own exceptions pass through. */
    public static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RedisCommandTimeoutException("Redis did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException redis) {
                throw redis;
            }
            throw new RedisException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException(e);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
