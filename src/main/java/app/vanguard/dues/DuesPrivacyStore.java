package app.vanguard.dues;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dues' personal data: the member's monthly amounts and payments. Erasure blanks a payment's free-text note and
 * keeps every rate and payment (amount, month, day paid, method), so arrears, the branch's collection figures and
 * its totals stay as they were.
 */
@Singleton
public class DuesPrivacyStore implements PersonalData {

    private final Sql sql;

    public DuesPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("duesRates", sql.rows("SELECT from_month, amount_fen, set_at FROM dues_rate WHERE member_id = ? "
                + "ORDER BY from_month", memberId));
        out.put("duesPayments", sql.rows("SELECT month, amount_fen, paid_on, method, note, recorded_at "
                + "FROM dues_payment WHERE member_id = ? ORDER BY month", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE dues_payment SET note = NULL WHERE member_id = ? AND note IS NOT NULL", memberId);
    }
}
