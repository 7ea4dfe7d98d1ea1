package app.vanguard.points;

import app.vanguard.org.Organisation;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What the ledger says a board must show, computed straight from points_entry; and deleting board keys. */
@Singleton
public class LedgerTruth {

    private final JdbcOperations jdbc;
    private final StatefulRedisConnection<String, String> redis;

    public LedgerTruth(JdbcOperations jdbc, StatefulRedisConnection<String, String> redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    /** {memberId, points} best first: points desc, earliest last award first, then lower member id. */
    @Transactional(readOnly = true)
    public List<long[]> ranking(Organisation org, @Nullable LocalDate from, @Nullable LocalDate to) {
        String sql = "SELECT e.member_id, SUM(e.points) s, MAX(e.created_at_ms) r FROM points_entry e "
                + "JOIN organisation o ON o.id = e.branch_id WHERE e.points > 0 AND o.path LIKE CONCAT(?, '%')"
                + (from == null ? "" : " AND e.business_date BETWEEN ? AND ?")
                + " GROUP BY e.member_id ORDER BY s DESC, r ASC, e.member_id ASC";
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, org.path());
            if (from != null) {
                ps.setDate(2, Date.valueOf(from));
                ps.setDate(3, Date.valueOf(to));
            }
            List<long[]> rows = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[]{rs.getLong(1), rs.getLong(2)});
                }
            }
            return rows;
        });
    }

    /** The id of the rebuild job holding the lock, or null. */
    @Nullable
    public String rebuildLockHolder() {
        return redis.sync().get(Boards.REBUILD_LOCK);
    }

    /** Deletes the rebuild lock, as its lease running out would (the instance holding it stopped). */
    public void dropRebuildLock() {
        redis.sync().del(Boards.REBUILD_LOCK);
    }

    /** Deletes every leaderboard key (lb:*) and nothing else, as a Redis that lost its data would. */
    public int flushBoards() {
        var sync = redis.sync();
        int deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = sync.scan(cursor, ScanArgs.Builder.matches("lb:*").limit(1000));
            for (String key : page.getKeys()) {
                deleted += sync.del(key).intValue();
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }
}
