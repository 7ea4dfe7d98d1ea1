package app.vanguard.commendation;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Commendation's personal data: nominations naming the member as candidate (with the statement of deeds and the
 * evidence taken), nominations the member made, and notes the member wrote on review steps. Erasure blanks the
 * statement of deeds and the rejection reason of the member's own nominations and the notes of their review steps;
 * every nomination, its state, rank, evidence figures and every step stay, so quotas, counts and the round's
 * outcome do not change.
 */
@Singleton
public class CommendationPrivacyStore implements PersonalData {

    private final Sql sql;

    public CommendationPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("nominationsAsCandidate", sql.rows("SELECT n.id, n.round_id, r.title, n.category, n.state, n.deeds, "
                + "n.publicity_starts_on, n.publicity_ends_on, n.rejection_reason, n.evidence_from, n.evidence_to, "
                + "n.meetings, n.attended, n.attendance_rate, n.articles_read, n.reading_points, n.points, n.created_at "
                + "FROM nomination n JOIN commendation_round r ON r.id = n.round_id WHERE n.candidate_member_id = ? "
                + "ORDER BY n.id", memberId));
        out.put("nominationsMade", sql.rows("SELECT n.id, n.round_id, n.category, n.candidate_member_id, "
                + "n.candidate_org_id, n.state, n.created_at FROM nomination n WHERE n.nominated_by = ? ORDER BY n.id",
                memberId));
        out.put("nominationSteps", sql.rows("SELECT nomination_id, action, to_state, at, note FROM nomination_event "
                + "WHERE by_member_id = ? ORDER BY id", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE nomination SET deeds = '', rejection_reason = NULL WHERE candidate_member_id = ?", memberId);
        sql.update("UPDATE nomination_event SET note = NULL WHERE by_member_id = ? AND note IS NOT NULL", memberId);
    }
}
