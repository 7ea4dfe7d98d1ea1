package app.vanguard.auth;

import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The member_token_generation table (V100): one indexed read, or an upsert and a read. */
@Singleton
public class TokenGenerationStore {

    private final Sql sql;

    public TokenGenerationStore(Sql sql) {
        this.sql = sql;
    }

    @Connectable
    public long current(long memberId) {
        return sql.one("SELECT generation FROM member_token_generation WHERE member_id = ?", rs -> rs.getLong(1),
                memberId).orElse(0L);
    }

    /** The generations of many members in one read (0 for a member who never had one raised). */
    @Connectable
    public Map<Long, Long> currentAll(Collection<Long> memberIds) {
        Map<Long, Long> generations = new HashMap<>();
        memberIds.forEach(id -> generations.put(id, 0L));
        if (!memberIds.isEmpty()) {
            sql.each("SELECT member_id, generation FROM member_token_generation WHERE member_id IN ("
                    + Sql.placeholders(memberIds) + ")", rs -> generations.put(rs.getLong(1), rs.getLong(2)),
                    memberIds.toArray());
        }
        return generations;
    }

    /** Raises the member's generation by one and returns the new value. */
    @Transactional
    public long raise(long memberId) {
        sql.update("INSERT INTO member_token_generation (member_id, generation) VALUES (?, 1) "
                + "ON DUPLICATE KEY UPDATE generation = generation + 1", memberId);
        return current(memberId);
    }
}
