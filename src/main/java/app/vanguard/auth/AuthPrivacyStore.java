package app.vanguard.auth;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Retention;
import app.vanguard.shared.RetentionSettings;
import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-in's personal data: refresh tokens (as sign-ins: when, until when, rotated or revoked; never the hash) and the
 * WeChat binding. Retention: a refresh token is deleted {@code vanguard.retention.spent-tokens} after it expired or
 * was revoked (a rotated one stays until then, so reuse of it is still detected while it could be valid). Erasure
 * deletes both.
 */
@Singleton
public class AuthPrivacyStore implements PersonalData, Retention {

    private final Sql sql;

    public AuthPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("signIns", sql.rows("SELECT family_id, created_at, expires_at, used_at, revoked_at FROM refresh_token "
                + "WHERE member_id = ? ORDER BY id", memberId));
        out.put("wechatBinding", sql.rows("SELECT openid, bound_at FROM wechat_binding WHERE member_id = ?", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("DELETE FROM refresh_token WHERE member_id = ?", memberId);
        sql.update("DELETE FROM wechat_binding WHERE member_id = ?", memberId);
    }

    @Override
    @Connectable // each bounded statement commits by itself: no long transaction, no locks held between batches
    public int purge(Instant now, RetentionSettings settings) {
        java.sql.Timestamp cutoff = java.sql.Timestamp.from(now.minus(settings.getSpentTokens())
                .truncatedTo(ChronoUnit.MILLIS));
        return sql.updateInBatches("DELETE FROM refresh_token WHERE expires_at < ?", settings.getBatchSize(), cutoff)
                + sql.updateInBatches("DELETE FROM refresh_token WHERE revoked_at < ?", settings.getBatchSize(), cutoff);
    }
}
