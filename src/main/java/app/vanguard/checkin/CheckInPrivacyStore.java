package app.vanguard.checkin;

import app.vanguard.org.MemberPrivacyStore;
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
 * Check-in's personal data: a member's attendance (with the coordinates a check-in sent), leave requests, visits
 * to another branch's open Party lesson as a guest, the meetings they hosted, recorded or lectured, and the
 * attachments they uploaded.
 * Retention: coordinates are blanked {@code vanguard.retention.coordinates} after the check-in (distance and the
 * outside-the-fence flag stay, so the record book keeps its meaning); a non-member guest's name and workplace
 * become {@value #FORMER_GUEST} {@code vanguard.retention.guest-names} after the invitation (the row stays).
 * Erasure blanks coordinates and free text and
 * keeps the rows (attendance rates and compliance count them); a guest visit keeps its row under the erased name.
 * Record roles and attachments are the meeting's evidence, not the member's: they stay (the member's name on
 * them is org's erased name).
 */
@Singleton
public class CheckInPrivacyStore implements PersonalData, Retention {

    /** What a non-member guest's name becomes after {@code vanguard.retention.guest-names}. */
    public static final String FORMER_GUEST = "来宾";

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
        out.put("meetingGuestVisits", sql.rows("SELECT g.meeting_id, m.topic, g.name, g.organisation, g.attended, "
                + "g.attended_at, g.invited_at FROM meeting_guest g JOIN meeting m ON m.id = g.meeting_id "
                + "WHERE g.member_id = ? ORDER BY g.id", memberId));
        out.put("meetingRecordRoles", sql.rows("SELECT r.meeting_id, m.topic, r.host_member_id <=> ? AS host, "
                + "r.recorder_member_id <=> ? AS recorder, r.lecturer_member_id <=> ? AS lecturer, r.updated_at "
                + "FROM meeting_record_role r JOIN meeting m ON m.id = r.meeting_id "
                + "WHERE ? IN (r.host_member_id, r.recorder_member_id, r.lecturer_member_id) ORDER BY r.meeting_id",
                memberId, memberId, memberId, memberId));
        out.put("meetingAttachments", sql.rows("SELECT id, meeting_id, file_name, content_type, kind, size_bytes, "
                + "uploaded_at FROM meeting_attachment WHERE uploaded_by = ? ORDER BY id", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("UPDATE meeting_attendance SET latitude = NULL, longitude = NULL, reason = NULL "
                + "WHERE member_id = ?", memberId);
        sql.update("UPDATE meeting_leave SET reason = '' WHERE member_id = ?", memberId);
        // A visit as another branch's guest: the copied name and workplace go, the row (attended or not) stays.
        sql.update("UPDATE meeting_guest SET name = ?, organisation = NULL WHERE member_id = ?",
                MemberPrivacyStore.ERASED_NAME, memberId);
    }

    @Override
    @Connectable // each bounded statement commits by itself: no long transaction, no locks held between batches
    public int purge(Instant now, RetentionSettings settings) {
        long cutoff = now.minus(settings.getCoordinates()).toEpochMilli();
        Instant guestCutoff = now.minus(settings.getGuestNames());
        return sql.updateInBatches("UPDATE meeting_attendance SET latitude = NULL, longitude = NULL "
                        + "WHERE checked_in_at_ms < ? AND (latitude IS NOT NULL OR longitude IS NOT NULL)",
                settings.getBatchSize(), cutoff)
                + sql.updateInBatches("UPDATE meeting_guest SET name = ?, organisation = NULL WHERE member_id IS NULL "
                        + "AND invited_at < ? AND name <> ?", settings.getBatchSize(), FORMER_GUEST, guestCutoff,
                FORMER_GUEST);
    }
}
