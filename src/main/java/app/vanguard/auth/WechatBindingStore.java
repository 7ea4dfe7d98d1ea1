package app.vanguard.auth;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** The wechat_binding table (V101). Joins the caller's transaction, or runs in its own. */
@Singleton
public class WechatBindingStore {

    public record Binding(long memberId, String openid, Instant boundAt) {
    }

    private final Sql sql;

    public WechatBindingStore(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    public void save(long memberId, String openid, Instant boundAt) {
        sql.update("INSERT INTO wechat_binding (member_id, openid, bound_at) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE openid = VALUES(openid), bound_at = VALUES(bound_at)", memberId, openid, boundAt);
    }

    @Transactional
    public Optional<Binding> find(long memberId) {
        return sql.one("SELECT member_id, openid, bound_at FROM wechat_binding WHERE member_id = ?",
                rs -> new Binding(rs.getLong(1), rs.getString(2), Sql.instant(rs, "bound_at")), memberId);
    }

    @Transactional
    public void delete(long memberId) {
        sql.update("DELETE FROM wechat_binding WHERE member_id = ?", memberId);
    }
}
