package app.vanguard.checkin;

import app.vanguard.shared.TooManyRequestsException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;

import java.util.List;

/** Wrong check-in codes per member, counted in Redis: over the limit the member waits out the window (429). */
@Singleton
public class CheckInThrottle {

    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {c, ttl}
            """;

    private final RedisCommands<String, String> redis;
    private final CheckInSettings settings;

    public CheckInThrottle(StatefulRedisConnection<String, String> connection, CheckInSettings settings) {
        this.redis = connection.sync();
        this.settings = settings;
    }

    /** Refuses the attempt while the member is over the limit of wrong codes. */
    public void check(long memberId) {
        String count = redis.get(key(memberId));
        if (count != null && Long.parseLong(count) >= settings.getMaxWrongCodes()) {
            Long ttl = redis.pttl(key(memberId));
            throw new TooManyRequestsException("Too many wrong check-in codes; try again later",
                    ttl == null || ttl < 0 ? 1 : (ttl + 999) / 1000);
        }
    }

    public void recordWrongCode(long memberId) {
        List<Long> ignored = redis.eval(INCREMENT, ScriptOutputType.MULTI, new String[]{key(memberId)},
                Long.toString(settings.getWrongCodeWindow().toMillis()));
    }

    private static String key(long memberId) {
        return "rl:checkin:code:" + memberId;
    }
}
