package app.vanguard.points;

import app.vanguard.org.MemberStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Names and branches of the members shown on boards, kept in-process (bench/: reading them was the one SQL statement
 * of every leaderboard read). At most {@code vanguard.points.boards.name-cache-size} members, each for
 * {@code name-cache-ttl} (30 s): a renamed or erased member shows their new name within that on every instance.
 * Misses are read from the organisation feature's {@link MemberStore} in one statement; members not found are not kept.
 */
@Singleton
public class BoardNames {

    private final MemberStore members;
    private final Cache<Long, MemberStore.MemberName> cache;

    public BoardNames(MemberStore members, BoardSettings settings) {
        this.members = members;
        this.cache = Caffeine.newBuilder().maximumSize(settings.getNameCacheSize())
                .expireAfterWrite(settings.getNameCacheTtl()).build();
    }

    /** By member id; a member that does not exist is absent. */
    public Map<Long, MemberStore.MemberName> names(Collection<Long> memberIds) {
        return cache.getAll(memberIds, missing -> members.names(List.copyOf(missing)));
    }
}
