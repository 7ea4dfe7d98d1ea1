package app.vanguard.points;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.annotation.PreDestroy;
import app.vanguard.shared.RedisScripts;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The leaderboards in Redis. One board = one organisation (a branch or any ancestor) × one period instance, stored
 * as three keys sharing the hash tag {@code {o<orgId>:<period>}} so they live in one Redis Cluster slot and one Lua
 * script can change them atomically:
 * <ul>
 *   <li>{@code lb:{o12:W2026-48}:z} sorted set: score = the member's points in the period, member = the entry
 *       {@code <9999999999999 - reachedAtMs, 13 digits>:<Long.MAX_VALUE - memberId, 19 digits>};</li>
 *   <li>{@code lb:{o12:W2026-48}:m} hash: member id → their current entry in {@code z};</li>
 *   <li>{@code lb:{o12:W2026-48}:t} string: the board's total points (for points per member between branches).</li>
 * </ul>
 * Equal scores are ordered by Redis by the entry string: ZREVRANGE puts the greater string first, i.e. the smaller
 * reachedAtMs (whoever reached the score first), then the smaller member id. Exact for any number of points.
 * Updates carry the member's absolute total (never an increment) and only ever raise it, so applying one twice or
 * out of order changes nothing: that is what makes the live update, the catch-up and the rebuild safe together.
 */
@Singleton
public class Boards {

    public static final String WATERMARK = "lb:{meta}:w";
    /** The rebuild lock: holds the running rebuild job's id (see {@link RebuildJobs}). */
    public static final String REBUILD_LOCK = "lb:{meta}:rebuild";
    private static final long REACH_MAX = 9_999_999_999_999L;
    /** Most members one script call updates on one board (keeps each call short: Redis runs scripts one at a time). */
    static final int MEMBERS_PER_CALL = 500;
    /** How long a bulk step (one chunk of a rebuild or catch-up) may wait for Redis. */
    public static final Duration BULK_TIMEOUT = Duration.ofSeconds(30);

    // KEYS: z, m, t. ARGV: time to live in ms (0 = never expires), then member id, entry, total for each member. Raises each
    // member's total only; returns how many members moved.
    private static final String APPLY = """
            local moved = 0
            local added = 0
            for i = 2, #ARGV, 3 do
              local total = tonumber(ARGV[i + 2])
              local cur = redis.call('HGET', KEYS[2], ARGV[i])
              local old = 0
              local raise = true
              if cur then
                old = tonumber(redis.call('ZSCORE', KEYS[1], cur) or '0')
                if total <= old then raise = false else redis.call('ZREM', KEYS[1], cur) end
              end
              if raise then
                redis.call('ZADD', KEYS[1], total, ARGV[i + 1])
                redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
                added = added + total - old
                moved = moved + 1
              end
            end
            if moved > 0 then
              redis.call('INCRBY', KEYS[3], added)
              local ttl = tonumber(ARGV[1])
              if ttl > 0 then
                redis.call('PEXPIRE', KEYS[1], ttl)
                redis.call('PEXPIRE', KEYS[2], ttl)
                redis.call('PEXPIRE', KEYS[3], ttl)
              end
            end
            return moved
            """;

    // KEYS: z, m. ARGV: member id, neighbours each side. → {size, rank or -1, score, first rank, {entry, score, ...}}
    private static final String AROUND = """
            local size = redis.call('ZCARD', KEYS[1])
            local e = redis.call('HGET', KEYS[2], ARGV[1])
            if not e then return {size, -1, '0', 0, {}} end
            local r = redis.call('ZREVRANK', KEYS[1], e)
            if not r then return {size, -1, '0', 0, {}} end
            local s = redis.call('ZSCORE', KEYS[1], e)
            local from = r - tonumber(ARGV[2])
            if from < 0 then from = 0 end
            return {size, r, s, from, redis.call('ZREVRANGE', KEYS[1], from, r + tonumber(ARGV[2]), 'WITHSCORES')}
            """;

    // KEYS: watermark. ARGV: new value. Raises an existing watermark; a missing one (flushed) stays missing.
    private static final String RAISE = """
            local cur = redis.call('GET', KEYS[1])
            if cur and tonumber(cur) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
            return 0
            """;


    private final StatefulRedisConnection<String, String> connection;
    private final BoardSettings settings;
    private final BulkRedis bulkRedis;
    /**
     * Bulk writes (rebuild and catch-up pages) go over a connection of their own: Lettuce answers one connection's
     * commands in order, so a page of board writes on the shared connection held up every read of this instance
     * behind it (bench/: with a 1 000 000-member board, reads then waited over 500 ms and answered 503).
     */
    private volatile StatefulRedisConnection<String, String> bulk;

    private final Clock clock;

    public Boards(StatefulRedisConnection<String, String> connection, BoardSettings settings, BulkRedis bulkRedis,
                  Clock clock) {
        this.connection = connection;
        this.clock = clock;
        this.settings = settings;
        this.bulkRedis = bulkRedis;
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, String> c = bulk;
        if (c != null) {
            c.close();
        }
    }

    /** The bulk connection; refuses at once while Redis is down (the shared connection says so), as {@link #async} does. */
    private RedisAsyncCommands<String, String> bulkAsync() {
        requireConnected();
        StatefulRedisConnection<String, String> c = bulk;
        if (c == null || !c.isOpen()) {
            synchronized (this) {
                c = bulk;
                if (c == null || !c.isOpen()) {
                    if (c != null) {
                        c.close();
                    }
                    bulk = c = bulkRedis.open();
                }
            }
        }
        return c.async();
    }

    /** A board: an organisation and a period instance (the period containing {@code date}; any date for ALL). */
    public record Board(long orgId, Period period, LocalDate date) {
        public String tag() {
            return "lb:{o" + orgId + ":" + period.key(date) + "}";
        }

        public String z() {
            return tag() + ":z";
        }

        public String m() {
            return tag() + ":m";
        }

        public String t() {
            return tag() + ":t";
        }
    }

    /** One member's absolute standing on one board. */
    public record Update(Board board, long memberId, long total, long reachedAtMs, long expiresAtMs) {
    }

    /** A ranked member: 1-based rank, member id, points. */
    public record Ranked(long rank, long memberId, long points) {
    }

    /** The caller's place: rank (0 when not on the board), points, board size and the members around. */
    public record Around(long size, long rank, long points, List<Ranked> around) {
    }

    public static String entry(long memberId, long reachedAtMs) {
        // Same as String.format("%013d:%019d", ...) for the non-negative values it is given, without the formatter
        // (a rebuild makes millions of these).
        char[] out = new char[33];
        digits(out, 0, 13, REACH_MAX - reachedAtMs);
        out[13] = ':';
        digits(out, 14, 19, Long.MAX_VALUE - memberId);
        return new String(out);
    }

    private static void digits(char[] out, int from, int width, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("Negative board entry part " + value);
        }
        String text = Long.toString(value);
        if (text.length() > width) {
            throw new IllegalArgumentException("Board entry part " + value + " is wider than " + width + " digits");
        }
        int pad = width - text.length();
        java.util.Arrays.fill(out, from, from + pad, '0');
        text.getChars(0, text.length(), out, from + pad);
    }

    public static long memberOf(String entry) {
        return Long.MAX_VALUE - Long.parseLong(entry.substring(entry.indexOf(':') + 1));
    }

    /** Applies the updates pipelined (one round trip on a single server); waits at most the write timeout. */
    public void apply(List<Update> updates) {
        send(updates, false).await(settings.getWriteTimeout());
    }

    /** Applies a page of a rebuild or catch-up over the bulk connection, waiting at most {@link #BULK_TIMEOUT}. */
    public void applyBulk(List<Update> updates) {
        sendBulk(updates).await(BULK_TIMEOUT);
    }

    /** Updates sent to Redis and not yet confirmed. */
    public static final class Pending {
        private final List<CompletableFuture<Object>> results;

        private Pending(List<CompletableFuture<Object>> results) {
            this.results = results;
        }

        /** Waits at most {@code timeout} for every update; throws what the first failed one threw. */
        public void await(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (CompletableFuture<Object> result : results) {
                RedisScripts.await(result, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
    }

    /**
     * Sends a page of a rebuild or catch-up over the bulk connection, pipelined, without waiting. The caller awaits
     * the result, and may read its next page meanwhile.
     */
    public Pending sendBulk(List<Update> updates) {
        return send(updates, true);
    }

    /**
     * Sends the updates pipelined: one script call per board (and expiry) for up to {@link #MEMBERS_PER_CALL} of its
     * members, over the bulk connection or the shared one.
     */
    private Pending send(List<Update> updates, boolean bulkWork) {
        if (updates.isEmpty()) {
            return new Pending(List.of());
        }
        RedisAsyncCommands<String, String> async = bulkWork ? bulkAsync() : async();
        Map<Board, Map<Long, List<Update>>> byBoard = new LinkedHashMap<>();
        for (Update u : updates) {
            byBoard.computeIfAbsent(u.board(), b -> new LinkedHashMap<>()).computeIfAbsent(u.expiresAtMs(), e -> new ArrayList<>())
                    .add(u);
        }
        List<CompletableFuture<Object>> results = new ArrayList<>();
        long now = clock.millis();
        byBoard.forEach((board, byExpiry) -> {
            String[] keys = {board.z(), board.m(), board.t()};
            byExpiry.forEach((expiresAtMs, list) -> {
                for (int from = 0; from < list.size(); from += MEMBERS_PER_CALL) {
                    List<Update> part = list.subList(from, Math.min(list.size(), from + MEMBERS_PER_CALL));
                    String[] args = new String[1 + 3 * part.size()];
                    args[0] = Long.toString(timeToLiveMs(expiresAtMs, now));
                    int i = 1;
                    for (Update u : part) {
                        args[i++] = Long.toString(u.memberId());
                        args[i++] = entry(u.memberId(), u.reachedAtMs());
                        args[i++] = Long.toString(u.total());
                    }
                    results.add(RedisScripts.evalsha(async, APPLY, ScriptOutputType.INTEGER, keys, args));
                }
            });
        });
        return new Pending(results);
    }

    /**
     * The keys' time to live: the expiry (on the service's clock) less the service's now, so Redis, which compares
     * with its own clock, keeps a board exactly as long as the service means to; 0 = never expires. A board already
     * past its expiry on the service's clock lives 1 ms.
     */
    static long timeToLiveMs(long expiresAtMs, long nowMs) {
        return expiresAtMs == 0 ? 0 : Math.max(1, expiresAtMs - nowMs);
    }

    /** Deletes boards (each board's keys share a slot, so one DEL each), pipelined. */
    public void delete(List<Board> boards) {
        RedisAsyncCommands<String, String> async = bulkAsync();
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (Board b : boards) {
            results.add(async.del(b.z(), b.m(), b.t()).toCompletableFuture());
        }
        long deadline = System.nanoTime() + BULK_TIMEOUT.toNanos();
        for (CompletableFuture<Long> result : results) {
            RedisScripts.await(result, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** The top {@code n} of the board, best first. */
    public List<Ranked> top(Board board, int n) {
        return await(topAsync(board, n), settings.getReadTimeout()).ranked();
    }

    /** The top of a board and how many members are on it. */
    public record Top(long size, List<Ranked> ranked) {
    }

    // KEYS: z. ARGV: n. → {size, {entry, score, ...}}
    private static final String TOP = """
            return {redis.call('ZCARD', KEYS[1]), redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')}
            """;

    /** The top {@code n} and the board's size in one script call, sent without waiting (pipelined with others). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Top> topAsync(Board board, int n) {
        CompletableFuture<List<Object>> reply = RedisScripts.evalsha(async(), TOP, ScriptOutputType.MULTI,
                new String[]{board.z()}, Integer.toString(n));
        return reply.thenApply(r -> {
            List<Object> flat = (List<Object>) r.get(1);
            List<Ranked> ranked = new ArrayList<>(flat.size() / 2);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                ranked.add(new Ranked(i / 2 + 1L, memberOf(flat.get(i).toString()),
                        (long) Double.parseDouble(flat.get(i + 1).toString())));
            }
            return new Top((Long) r.get(0), ranked);
        });
    }

    /** How many members are on the board. */
    public long size(Board board) {
        return RedisScripts.await(async().zcard(board.z()).toCompletableFuture(), settings.getReadTimeout());
    }

    /** The member's rank and points and the {@code neighbours} members either side, in one script call. */
    public Around around(Board board, long memberId, int neighbours) {
        return await(aroundAsync(board, memberId, neighbours), settings.getReadTimeout());
    }

    /** {@link #around} sent without waiting (pipelined with others). */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Around> aroundAsync(Board board, long memberId, int neighbours) {
        CompletableFuture<List<Object>> sent = RedisScripts.evalsha(async(), AROUND, ScriptOutputType.MULTI,
                new String[]{board.z(), board.m()}, new String[]{Long.toString(memberId), Integer.toString(neighbours)});
        return sent.thenApply(reply -> {
            long size = (Long) reply.get(0);
            long rank = (Long) reply.get(1);
            if (rank < 0) {
                return new Around(size, 0, 0, List.of());
            }
            long points = (long) Double.parseDouble(reply.get(2).toString());
            long from = (Long) reply.get(3);
            List<Object> flat = (List<Object>) reply.get(4);
            List<Ranked> around = new ArrayList<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                around.add(new Ranked(from + i / 2 + 1, memberOf(flat.get(i).toString()),
                        (long) Double.parseDouble(flat.get(i + 1).toString())));
            }
            return new Around(size, rank + 1, points, around);
        });
    }

    /** Waits at most {@code timeout} for a reply sent earlier (Redis's own exceptions pass through). */
    public static <T> T await(CompletableFuture<T> sent, Duration timeout) {
        return RedisScripts.await(sent, timeout);
    }

    /** The read timeout of board reads. */
    public Duration readTimeout() {
        return settings.getReadTimeout();
    }

    /** Each board's total points (0 when absent), in the order given; pipelined GETs (cluster-safe). */
    public List<Long> totals(List<Board> boards) {
        RedisAsyncCommands<String, String> async = async();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (Board b : boards) {
            results.add(async.get(b.t()).toCompletableFuture());
        }
        List<Long> totals = new ArrayList<>(boards.size());
        for (CompletableFuture<String> result : results) {
            String value = RedisScripts.await(result, settings.getReadTimeout());
            totals.add(value == null ? 0L : Long.parseLong(value));
        }
        return totals;
    }

    // KEYS: watermark, rebuild lock (both {meta}). → {watermark present 0|1, running job id or '', its org id or ''}.
    // The job's hash shares the {meta} tag, so it lives on the same slot.
    private static final String REBUILD_STATUS = """
            local w = redis.call('EXISTS', KEYS[1])
            local id = redis.call('GET', KEYS[2])
            if not id then return {w, '', ''} end
            return {w, id, redis.call('HGET', KEYS[2] .. ':' .. id, 'orgId') or ''}
            """;

    /**
     * Whether boards are being rebuilt: the watermark is missing (Redis lost the boards; the full rebuild is due or
     * running), or a rebuild job holds the lock, of every board ({@code allBoards}) or of {@code orgId}'s subtree.
     */
    public record RebuildStatus(boolean watermarkMissing, @io.micronaut.core.annotation.Nullable String jobId,
                                @io.micronaut.core.annotation.Nullable Long jobOrgId) {
        public boolean running() {
            return watermarkMissing || jobId != null;
        }
    }

    /** One script call: what a read must know before presenting a board as the truth. */
    public RebuildStatus rebuildStatus() {
        return await(rebuildStatusAsync(), settings.getReadTimeout());
    }

    /** {@link #rebuildStatus} sent without waiting, so a read can pipeline its board's script behind it. */
    public CompletableFuture<RebuildStatus> rebuildStatusAsync() {
        CompletableFuture<List<Object>> sent = RedisScripts.evalsha(async(), REBUILD_STATUS, ScriptOutputType.MULTI,
                new String[]{WATERMARK, REBUILD_LOCK});
        return sent.thenApply(reply -> {
            boolean missing = ((Number) reply.get(0)).longValue() == 0;
            String id = String.valueOf(reply.get(1));
            String org = String.valueOf(reply.get(2));
            return new RebuildStatus(missing, id.isEmpty() ? null : id, org.isEmpty() ? null : Long.valueOf(org));
        });
    }

    /** The id of the last ledger entry every board reflects, or null when Redis has lost it (flush, restart). */
    public Long watermark() {
        String value = RedisScripts.await(async().get(WATERMARK).toCompletableFuture(), settings.getReadTimeout());
        return value == null ? null : Long.valueOf(value);
    }

    /**
     * Sets the watermark at the end of a rebuild: over the bulk connection, behind the rebuild's last page, waiting at
     * most {@link #BULK_TIMEOUT} (on the shared connection its 500 ms command timeout gave up while Redis applied a
     * 1 000 000-member rebuild under load, and the rebuild started over; bench/).
     */
    public void setWatermark(long entryId) {
        RedisScripts.await(bulkAsync().set(WATERMARK, Long.toString(entryId)).toCompletableFuture(), BULK_TIMEOUT);
    }

    /** Raises the watermark if it exists (a missing one means the boards need a full rebuild first). */
    public void raiseWatermark(long entryId) {
        RedisScripts.await(async().<Long>eval(RAISE, ScriptOutputType.INTEGER, new String[]{WATERMARK}, Long.toString(entryId))
                .toCompletableFuture(), settings.getWriteTimeout());
    }

    /**
     * Runs a script (by its SHA-1, loading it when Redis does not know it) and waits at most the write timeout.
     * For the other keys of the {@code lb:} space, e.g. the rebuild jobs; every key must share one hash tag.
     */
    <T> T eval(String script, ScriptOutputType type, String[] keys, String... args) {
        return RedisScripts.eval(async(), settings.getWriteTimeout(), script, type, keys, args);
    }

    /**
     * As above for a rebuild's own bookkeeping (its lease's beat, its end): over the bulk connection, behind the page
     * writes already sent, waiting at most {@link #BULK_TIMEOUT}. The shared connection's command timeout (500 ms)
     * would give up on it while Redis is still applying those pages.
     */
    <T> T evalBehindBulk(String script, ScriptOutputType type, String[] keys, String... args) {
        return RedisScripts.eval(bulkAsync(), BULK_TIMEOUT, script, type, keys, args);
    }

    public boolean connected() {
        return connection.isOpen();
    }

    /** The async API, refusing at once when the connection is down (so callers fail fast instead of queueing). */
    private RedisAsyncCommands<String, String> async() {
        requireConnected();
        return connection.async();
    }

    private void requireConnected() {
        if (!connection.isOpen()) {
            throw new RedisConnectionException("Redis is not connected");
        }
    }
}
