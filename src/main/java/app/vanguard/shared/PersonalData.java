package app.vanguard.shared;

import java.util.List;
import java.util.Map;

/**
 * One feature's part of a member's personal data (PIPL, issue 15 item 13): what {@code GET /me/data-export} shows
 * of it, and how a departed member's data is erased. Each feature implements it in its own store, over its own
 * tables; org's {@code PrivacyService} only collects the parts.
 */
public interface PersonalData {

    /** The export's section name(s) and rows: e.g. {@code attendance → [{meetingId, status, checkedInAt, ...}]}. */
    Map<String, List<Map<String, Object>>> export(long memberId);

    /**
     * Removes or blanks the member's personal data (free text, coordinates, sign-in material) on the caller's
     * transaction, keeping rows that counts and the points ledger's arithmetic rest on. Idempotent.
     */
    void erase(long memberId);
}
