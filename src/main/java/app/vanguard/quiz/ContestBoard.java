package app.vanguard.quiz;

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

    private final RedisCommands<String, String> redis;

    ContestBoard(StatefulRedisConnection<String, String> connection) {
        this.redis = connection.sync();
    }

    /** A member's best attempt on the board. */
    record Entry(long memberId, @Nullable Long branchId, int score, int correctCount, long timeUsedMs,
                 long finishedAtMs) {

        String key() {
            return String.format("%013d:%019d", finishedAtMs, memberId);
        }

        double rankScore() {
            return (double) (timeUsedMs - score * TIME_SPAN);
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

        boolean betterThan(Entry o) {
            if (score != o.score) {
                return score > o.score;
            }
            if (timeUsedMs != o.timeUsedMs) {
                return timeUsedMs < o.timeUsedMs;
            }
            return finishedAtMs < o.finishedAtMs;
        }
    }

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

    /** Puts the member's best attempt on the boards, replacing a worse one. */
    void put(long contestId, Entry entry) {
        String member = Long.toString(entry.memberId());
        String old = redis.hget(entriesKey(contestId), member);
        if (old != null) {
            Entry previous = Entry.decode(entry.memberId(), old);
            if (!entry.betterThan(previous)) {
                return;
            }
            redis.zrem(overallKey(contestId), previous.key());
            if (previous.branchId() != null) {
                redis.zrem(branchKey(contestId, previous.branchId()), previous.key());
            }
        }
        redis.hset(entriesKey(contestId), member, entry.encode());
        redis.zadd(overallKey(contestId), entry.rankScore(), entry.key());
        if (entry.branchId() != null) {
            redis.sadd(branchesKey(contestId), entry.branchId().toString());
            redis.zadd(branchKey(contestId, entry.branchId()), entry.rankScore(), entry.key());
        }
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
