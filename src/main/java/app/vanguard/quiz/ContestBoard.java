package app.vanguard.quiz;

import app.vanguard.shared.RedisScripts;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live leaderboard of a contest in Redis: one sorted set overall and one per branch, holding each member's
 * best attempt, plus a hash of the entries' figures. Everything here can be rebuilt from MySQL.
 *
 * <p>Order: more points first, then less time used, then earlier finish, then lower member id. The sorted-set
 * score is {@code timeUsedMs - points * 2^24} (ascending; exact in a double since time used stays below 2^24 ms,
 * the 4-hour limit), and members with equal scores sort by their name, {@code <13-digit finish ms>:<member id>}.
 * Keys share the hash tag {@code {quiz:c<id>}} so they live on one Redis Cluster slot.
 */
@Singleton
class ContestBoard {

    static final long TIME_SPAN = 1L << 24;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    ContestBoard(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        this.redis = connection.sync();
    }

    /** A member's best attempt on the board. */
    record Entry(long memberId, @Nullable Long branchId, int score, int correctCount, long timeUsedMs,
                 long finishedAtMs) {

        String key() {
            return String.format("%013d:%019d", finishedAtMs, memberId);
        }

        String encode() {
            return score + "|" + correctCount + "|" + timeUsedMs + "|" + finishedAtMs + "|"
                    + (branchId == null ? "" : branchId);
        }

        static Entry decode(long memberId, String text) {
            String[] p = text.split("\\|", -1);
            return new Entry(memberId, p[4].isEmpty() ? null : Long.valueOf(p[4]), Integer.parseInt(p[0]),
                    Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
        }
    }

    /** The boards' order: more points, then less time, then the earlier finish, then the lower member id. */
    static final java.util.Comparator<Entry> ORDER = java.util.Comparator.comparingInt((Entry e) -> -e.score())
            .thenComparingLong(Entry::timeUsedMs).thenComparingLong(Entry::finishedAtMs)
            .thenComparingLong(Entry::memberId);

    static Entry of(Attempt a) {
        return new Entry(a.memberId(), a.branchId(), a.score(), a.correctCount(), a.timeUsedMs(), a.finishedAtMs());
    }

    private static String tag(long contestId) {
        return "{quiz:c" + contestId + "}";
    }

    static String overallKey(long contestId) {
        return tag(contestId) + ":board";
    }

    static String branchKey(long contestId, long branchId) {
        return tag(contestId) + ":board:b" + branchId;
    }

    static String entriesKey(long contestId) {
        return tag(contestId) + ":entries";
    }

    static String branchesKey(long contestId) {
        return tag(contestId) + ":branches";
    }

    /**
     * Keeps a member's best attempt, atomically: the entry replaces the stored one only when it is better (more
     * points, then less time, then an earlier finish), and then moves on the overall board and on its branch's board.
     * KEYS: entries, overall board, branch set, the entry's branch board (the overall board when it has none).
     * ARGV: member id, encoded entry, board member, rank score, branch id or '', the prefix of branch board keys
     * (the previous entry's branch board is that prefix plus its branch; every key shares the contest's hash tag).
     */
    private static final String PUT = """
            local function field(s, n)
              local i = 0
              for v in string.gmatch(s .. '|', '([^|]*)|') do
                i = i + 1
                if i == n then return v end
              end
            end
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            if old then
              local os, ot, of = tonumber(field(old, 1)), tonumber(field(old, 3)), tonumber(field(old, 4))
              local ns, nt, nf = tonumber(field(ARGV[2], 1)), tonumber(field(ARGV[2], 3)), tonumber(field(ARGV[2], 4))
              if not (ns > os or (ns == os and (nt < ot or (nt == ot and nf < of)))) then return 0 end
              local finished = field(old, 4)
              local oldKey = string.rep('0', 13 - #finished) .. finished .. ':' .. string.rep('0', 19 - #ARGV[1]) .. ARGV[1]
              redis.call('ZREM', KEYS[2], oldKey)
              local oldBranch = field(old, 5)
              if oldBranch ~= '' then redis.call('ZREM', ARGV[6] .. oldBranch, oldKey) end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
            if ARGV[5] ~= '' then
              redis.call('SADD', KEYS[3], ARGV[5])
              redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
            end
            return 1
            """;

    /** Puts the member's best attempt on the boards, replacing a worse one (one script call). */
    void put(long contestId, Entry entry) {
        RedisScripts.await(send(contestId, entry), connection.getTimeout());
    }

    /**
     * Puts many entries (contest id, entry) pipelined: every script call sent before any reply is awaited, then all
     * awaited within the connection's timeout. The first failure is thrown after all were awaited.
     */
    void putAll(List<Map.Entry<Long, Entry>> entries) {
        List<java.util.concurrent.CompletableFuture<Long>> sent = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : entries) {
            sent.add(send(e.getKey(), e.getValue()));
        }
        RuntimeException failed = null;
        for (java.util.concurrent.CompletableFuture<Long> f : sent) {
            try {
                RedisScripts.await(f, connection.getTimeout());
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private java.util.concurrent.CompletableFuture<Long> send(long contestId, Entry entry) {
        String branch = entry.branchId() == null ? "" : entry.branchId().toString();
        String branchBoard = entry.branchId() == null ? overallKey(contestId) : branchKey(contestId, entry.branchId());
        return RedisScripts.evalsha(connection.async(), PUT, ScriptOutputType.INTEGER,
                new String[]{entriesKey(contestId), overallKey(contestId), branchesKey(contestId), branchBoard},
                Long.toString(entry.memberId()), entry.encode(), entry.key(),
                Long.toString(entry.timeUsedMs() - entry.score() * TIME_SPAN), branch, tag(contestId) + ":board:b");
    }

    long size(long contestId, @Nullable Long branchId) {
        return redis.zcard(branchId == null ? overallKey(contestId) : branchKey(contestId, branchId));
    }

    /** The best {@code limit} entries, best first. */
    List<Entry> top(long contestId, @Nullable Long branchId, int limit) {
        List<String> keys = redis.zrange(branchId == null ? overallKey(contestId) : branchKey(contestId, branchId), 0,
                limit - 1);
        List<Entry> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        String[] members = keys.stream().map(k -> Long.toString(Long.parseLong(k.substring(k.indexOf(':') + 1))))
                .toArray(String[]::new);
        List<io.lettuce.core.KeyValue<String, String>> values = redis.hmget(entriesKey(contestId), members);
        for (io.lettuce.core.KeyValue<String, String> kv : values) {
            if (kv.hasValue()) {
                out.add(Entry.decode(Long.parseLong(kv.getKey()), kv.getValue()));
            }
        }
        return out;
    }

    /** The member's entry and 1-based rank on the board, if they are on it. */
    Optional<Map.Entry<Entry, Integer>> rankOf(long contestId, @Nullable Long branchId, long memberId) {
        String text = redis.hget(entriesKey(contestId), Long.toString(memberId));
        if (text == null) {
            return Optional.empty();
        }
        Entry entry = Entry.decode(memberId, text);
        if (branchId != null && !branchId.equals(entry.branchId())) {
            return Optional.empty();
        }
        Long rank = redis.zrank(branchId == null ? overallKey(contestId) : branchKey(contestId, branchId), entry.key());
        return rank == null ? Optional.empty() : Optional.of(Map.entry(entry, (int) (rank + 1)));
    }

    /** Every member's entry on the contest's boards, by member id. */
    Map<Long, Entry> entries(long contestId) {
        Map<Long, Entry> out = new java.util.HashMap<>();
        redis.hgetall(entriesKey(contestId)).forEach((member, text) -> {
            long memberId = Long.parseLong(member);
            out.put(memberId, Entry.decode(memberId, text));
        });
        return out;
    }

    /** True for the one caller (of every instance) that may catch the contest's boards up in this round. */
    boolean claimCatchUp(long contestId, java.time.Duration round) {
        return "OK".equals(redis.set(tag(contestId) + ":catch-up", "1",
                io.lettuce.core.SetArgs.Builder.nx().px(Math.max(1, round.toMillis() - 1))));
    }

    /** Drops the contest's boards and fills them again from the given best attempts. */
    void rebuild(long contestId, List<Entry> entries) {
        List<String> keys = new ArrayList<>(List.of(overallKey(contestId), entriesKey(contestId), branchesKey(contestId)));
        for (String b : redis.smembers(branchesKey(contestId))) {
            keys.add(branchKey(contestId, Long.parseLong(b)));
        }
        redis.del(keys.toArray(String[]::new));
        for (Entry e : entries) {
            put(contestId, e);
        }
    }

    /** Drops everything of the contest from Redis (tests simulate a lost Redis with it). */
    void drop(long contestId) {
        rebuild(contestId, List.of());
    }
}
