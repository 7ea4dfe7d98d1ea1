package app.vanguard.points;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The member's points ledger entries. Erasure keeps them untouched: the ledger holds no free text, and every board,
 * daily total and branch figure is its arithmetic (the member's name goes with org's erasure).
 */
@Singleton
public class PointsPrivacyStore implements PersonalData {

    private final Sql sql;

    public PointsPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        return Map.of("points", sql.rows("SELECT action, reference, requested, points, business_date, created_at_ms "
                + "FROM points_entry WHERE member_id = ? ORDER BY id", memberId));
    }

    @Override
    public void erase(long memberId) {
        // nothing: see the class comment
    }
}
