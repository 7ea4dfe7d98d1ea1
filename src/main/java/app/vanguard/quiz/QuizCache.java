package app.vanguard.quiz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What the contest hot paths (start, submit) read on every request and what cannot change in a way that alters a
 * rule, kept per instance for {@code vanguard.quiz.cache-ttl} (10 s) and bounded in size (bench/: each read is a
 * statement at ≈ 300 µs of CPU):
 * <ul>
 * <li>a contest's row while it is not frozen: nothing of a contest is edited after creation except the freeze
 * stamp, and every path that depends on the freeze reads the row again (see {@code ContestService#freezeIfOver});</li>
 * <li>questions by id: a bank question is never edited or deleted (there is no such endpoint);</li>
 * <li>the ids of the questions a draw picks from: a pool only grows (questions are added, never removed), so a
 * stale pool is a subset of the current one; a draw that finds it too small reads it again.</li>
 * </ul>
 */
@Singleton
class QuizCache {

    private final Cache<Long, Contest> contests;
    private final Cache<Long, Question> questions;
    private final Cache<PoolKey, List<Long>> pools;

    record PoolKey(List<Long> banks, @Nullable Difficulty difficulty, List<String> tags) {
    }

    QuizCache(QuizSettings settings) {
        java.time.Duration ttl = settings.getCacheTtl();
        contests = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
        questions = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(ttl).build();
        pools = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
    }

    /** The contest from the cache, or read (and kept while it is not frozen). */
    Contest contest(long id, LongFunction<Contest> read) {
        Contest cached = contests.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        Contest c = read.apply(id);
        if (c.frozenAtMs() == null) {
            contests.put(id, c);
        }
        return c;
    }

    /** The questions by id: the cached ones, the others read in one call (the caller holds a connection). */
    Map<Long, Question> questions(Collection<Long> ids, Function<Collection<Long>, Map<Long, Question>> read) {
        Map<Long, Question> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Question q = questions.getIfPresent(id);
            if (q != null) {
                out.put(id, q);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, Question> read1 = read.apply(missing);
            questions.putAll(read1);
            out.putAll(read1);
        }
        return out;
    }

    /**
     * The pool of a draw: cached if it holds at least {@code needed} ids, else read again (it may have grown).
     */
    List<Long> pool(PoolKey key, int needed, Function<PoolKey, List<Long>> read) {
        List<Long> cached = pools.getIfPresent(key);
        if (cached != null && cached.size() >= needed) {
            return cached;
        }
        List<Long> fresh = List.copyOf(read.apply(key));
        pools.put(key, fresh);
        return fresh;
    }
}
