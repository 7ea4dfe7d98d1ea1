package app.vanguard.checkin;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Retention;
import app.vanguard.shared.RetentionSettings;
import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Check-in's personal data: a member's attendance (with the coordinates a check-in sent) and leave requests.
 * Retention: coordinates are blanked {@code vanguard.retention.coordinates} after the check-in (distance and the
 * outside-the-fence flag stay, so the record book keeps its meaning). Erasure blanks coordinates and free text and
 * keeps the rows (attendance rates and compliance count them).
 */
@Singleton
public class CheckInPrivacyStore implements PersonalData, Retention {

    private final Sql sql;

    public CheckInPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("attendance", sql.rows("SELECT a.meeting_id, m.topic, a.status, a.method, "
                + "a.checked_in_at_ms, a.latitude, a.longitude, a.distance_m, a.suspected, a.reason "
                + "FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id WHERE a.member_id = ? "
                + "ORDER BY a.checked_in_at_ms, a.id", memberId));
        out.put("leave", sql.rows("SELECT meeting_id, reason, status, requested_at, decided_at FROM meeting_leave "
                + "WHERE member_id = ? ORDER BY id", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE meeting_attendance SET latitude = NULL, longitude = NULL, reason = NULL "
                + "WHERE member_id = ?", memberId);
        sql.update("UPDATE meeting_leave SET reason = '' WHERE member_id = ?", memberId);
    }

    @Override
    @Connectable // each bounded statement commits by itself: no long transaction, no locks held between batches
    public int purge(Instant now, RetentionSettings settings) {
        long cutoff = now.minus(settings.getCoordinates()).toEpochMilli();
        int total = 0;
        int touched;
        do {
            touched = sql.update("UPDATE meeting_attendance SET latitude = NULL, longitude = NULL "
                    + "WHERE checked_in_at_ms < ? AND (latitude IS NOT NULL OR longitude IS NOT NULL) LIMIT "
                    + settings.getBatchSize(), cutoff);
            total += touched;
        } while (touched >= settings.getBatchSize());
        return total;
    }
}
