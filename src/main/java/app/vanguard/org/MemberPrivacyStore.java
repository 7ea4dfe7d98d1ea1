package app.vanguard.org;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member's own record and roles. Erasure anonymises the member row (name, phone, password, employer, position,
 * WeChat id, date joined) and removes the roles, keeping the row itself with its branch and status: attendance,
 * reading figures and the points ledger still count the member, under the name {@value #ERASED_NAME}.
 */
@Singleton
public class MemberPrivacyStore implements PersonalData {

    public static final String ERASED_NAME = "已注销党员";

    private final Sql sql;
    private final Clock clock;

    public MemberPrivacyStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("profile", sql.rows("SELECT id, phone, name, status, joined_on, branch_id, group_id, employer, position, "
                + "enabled, password_change_required, created_at, updated_at FROM member WHERE id = ?", memberId));
        out.put("roles", sql.rows("SELECT role, org_id, created_at FROM role_assignment WHERE member_id = ? ORDER BY id",
                memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        // The phone must stay unique and NOT NULL: a placeholder no sign-in can match (not 11 digits).
        sql.update("UPDATE member SET name = ?, phone = CONCAT('erased-', id), password_hash = NULL, "
                + "password_change_required = FALSE, employer = NULL, position = NULL, joined_on = NULL, "
                + "wechat_openid = NULL, enabled = FALSE, updated_at = ? WHERE id = ?", ERASED_NAME,
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)), memberId);
        sql.update("DELETE FROM role_assignment WHERE member_id = ?", memberId);
    }
}
