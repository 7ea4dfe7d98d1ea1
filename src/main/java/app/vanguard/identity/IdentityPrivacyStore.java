package app.vanguard.identity;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 亮身份's personal data: declarations (never the ID-card hash), their events, commitments and their notes, badges.
 * Erasure blanks the free text and identifying fields and keeps the rows and states (the figures count them).
 */
@Singleton
public class IdentityPrivacyStore implements PersonalData {

    private final Sql sql;

    public IdentityPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("declarations", sql.rows("SELECT id, state, membership_status, joined_on, registered_org, mobile, "
                + "mobile_origin, workplace, position, duties, id_card_last4, reject_reason, submitted_at_ms, "
                + "decided_at_ms FROM declaration WHERE member_id = ? ORDER BY id", memberId));
        out.put("declarationEvents", sql.rows("SELECT e.declaration_id, e.action, e.from_state, e.to_state, e.reason, "
                + "e.at_ms AS at_at_ms FROM declaration_event e JOIN declaration d ON d.id = e.declaration_id "
                + "WHERE d.member_id = ? ORDER BY e.at_ms", memberId));
        out.put("commitments", sql.rows("SELECT id, declaration_id, content, status, note, updated_at_ms "
                + "FROM commitment WHERE member_id = ? ORDER BY id", memberId));
        out.put("badges", sql.rows("SELECT id, type, title, valid_from, valid_until, granted_at_ms, revoked_at_ms "
                + "FROM badge WHERE member_id = ? ORDER BY id", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE declaration SET registered_org = '', mobile_origin = NULL, workplace = '', position = NULL, "
                + "duties = NULL, id_card_hash = NULL, id_card_last4 = NULL, reject_reason = NULL, joined_on = NULL "
                + "WHERE member_id = ?", memberId);
        sql.update("UPDATE declaration_event e JOIN declaration d ON d.id = e.declaration_id SET e.reason = NULL "
                + "WHERE d.member_id = ?", memberId);
        sql.update("UPDATE commitment_update u JOIN commitment c ON c.id = u.commitment_id SET u.note = NULL "
                + "WHERE c.member_id = ?", memberId);
        sql.update("UPDATE commitment SET content = '', note = NULL WHERE member_id = ?", memberId);
        sql.update("UPDATE badge SET title = '' WHERE member_id = ?", memberId);
    }
}
