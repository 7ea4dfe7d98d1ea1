package app.vanguard.checkin;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-written SQL of meeting evidence: record roles, attachments, guests. Runs on the caller's transaction. */
@Singleton
public class EvidenceStore {

    private final Sql sql;

    public EvidenceStore(Sql sql) {
        this.sql = sql;
    }

    /** The roles as stored (names resolved by the service). */
    record Roles(long meetingId, @Nullable Long host, @Nullable Long recorder, @Nullable Long lecturerMember,
                 @Nullable String lecturerName, @Nullable String lecturerTitle, long updatedBy, Instant updatedAt) {
    }

    record Attachment(long id, long meetingId, String fileName, String contentType, AttachmentInspector.Kind kind,
                      long sizeBytes, String sha256, String storageKey, @Nullable String thumbnailKey, long uploadedBy,
                      Instant uploadedAt) {
    }

    record Guest(long id, long meetingId, @Nullable Long memberId, String name, @Nullable String organisation,
                 boolean attended, @Nullable Instant attendedAt) {
    }

    void saveRoles(long meetingId, @Nullable Long host, @Nullable Long recorder, @Nullable Long lecturerMember,
                   @Nullable String lecturerName, @Nullable String lecturerTitle, long by, Instant now) {
        sql.update("INSERT INTO meeting_record_role (meeting_id, host_member_id, recorder_member_id, lecturer_member_id, "
                + "lecturer_name, lecturer_title, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE host_member_id = VALUES(host_member_id), "
                + "recorder_member_id = VALUES(recorder_member_id), lecturer_member_id = VALUES(lecturer_member_id), "
                + "lecturer_name = VALUES(lecturer_name), lecturer_title = VALUES(lecturer_title), "
                + "updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)", meetingId, host, recorder,
                lecturerMember, lecturerName, lecturerTitle, by, now);
    }

    Map<Long, Roles> roles(Collection<Long> meetingIds) {
        Map<Long, Roles> out = new HashMap<>();
        if (meetingIds.isEmpty()) {
            return out;
        }
        sql.each("SELECT meeting_id, host_member_id, recorder_member_id, lecturer_member_id, lecturer_name, "
                + "lecturer_title, updated_by, updated_at FROM meeting_record_role WHERE meeting_id IN ("
                + Sql.placeholders(meetingIds) + ")", rs -> out.put(rs.getLong(1), new Roles(rs.getLong(1),
                Sql.nullableLong(rs, "host_member_id"), Sql.nullableLong(rs, "recorder_member_id"),
                Sql.nullableLong(rs, "lecturer_member_id"), rs.getString(5), rs.getString(6), rs.getLong(7),
                rs.getTimestamp(8).toInstant())), meetingIds.toArray());
        return out;
    }

    long insertAttachment(long meetingId, String fileName, String contentType, AttachmentInspector.Kind kind,
                          long size, String sha256, String key, @Nullable String thumbnailKey, long by, Instant now) {
        return sql.insert("INSERT INTO meeting_attachment (meeting_id, file_name, content_type, kind, size_bytes, sha256, "
                + "storage_key, thumbnail_key, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                meetingId, fileName, contentType, kind, size, sha256, key, thumbnailKey, by, now);
    }

    int attachmentCount(long meetingId) {
        return (int) sql.count("SELECT COUNT(*) FROM meeting_attachment WHERE meeting_id = ?", meetingId);
    }

    private static final String ATTACHMENT = "SELECT id, meeting_id, file_name, content_type, kind, size_bytes, sha256, "
            + "storage_key, thumbnail_key, uploaded_by, uploaded_at FROM meeting_attachment ";

    private static Attachment attachment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                AttachmentInspector.Kind.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getLong(10), rs.getTimestamp(11).toInstant());
    }

    Optional<Attachment> attachment(long meetingId, long id) {
        return sql.one(ATTACHMENT + "WHERE meeting_id = ? AND id = ?", EvidenceStore::attachment, meetingId, id);
    }

    Map<Long, List<Attachment>> attachments(Collection<Long> meetingIds) {
        Map<Long, List<Attachment>> out = new HashMap<>();
        if (!meetingIds.isEmpty()) {
            sql.each(ATTACHMENT + "WHERE meeting_id IN (" + Sql.placeholders(meetingIds) + ") ORDER BY id", rs -> {
                Attachment a = attachment(rs);
                out.computeIfAbsent(a.meetingId(), k -> new ArrayList<>()).add(a);
            }, meetingIds.toArray());
        }
        return out;
    }

    void deleteAttachment(long id) {
        sql.update("DELETE FROM meeting_attachment WHERE id = ?", id);
    }

    long insertGuest(long meetingId, @Nullable Long memberId, String name, @Nullable String organisation, long by,
                     Instant now) {
        return sql.insert("INSERT INTO meeting_guest (meeting_id, member_id, name, organisation, invited_by, invited_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", meetingId, memberId, name, organisation, by, now);
    }

    int guestCount(long meetingId) {
        return (int) sql.count("SELECT COUNT(*) FROM meeting_guest WHERE meeting_id = ?", meetingId);
    }

    boolean markGuestAttended(long meetingId, long guestId, Instant now) {
        return sql.update("UPDATE meeting_guest SET attended = TRUE, attended_at = COALESCE(attended_at, ?) "
                + "WHERE meeting_id = ? AND id = ?", now, meetingId, guestId) == 1;
    }

    Map<Long, List<Guest>> guests(Collection<Long> meetingIds) {
        Map<Long, List<Guest>> out = new HashMap<>();
        if (!meetingIds.isEmpty()) {
            sql.each("SELECT id, meeting_id, member_id, name, organisation, attended, attended_at FROM meeting_guest "
                    + "WHERE meeting_id IN (" + Sql.placeholders(meetingIds) + ") ORDER BY id", rs -> {
                Guest g = new Guest(rs.getLong(1), rs.getLong(2), Sql.nullableLong(rs, "member_id"), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), Sql.instant(rs, "attended_at"));
                out.computeIfAbsent(g.meetingId(), k -> new ArrayList<>()).add(g);
            }, meetingIds.toArray());
        }
        return out;
    }

    /** Per branch: the members who lectured a closed Party lesson of the branch starting in [from, to). */
    public Map<Long, Set<Long>> lecturers(Collection<Long> branchIds, Instant from, Instant to) {
        Map<Long, Set<Long>> out = new HashMap<>();
        if (branchIds.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>(branchIds);
        args.add(from);
        args.add(to);
        sql.each("SELECT m.branch_id, r.lecturer_member_id FROM meeting m JOIN meeting_record_role r ON r.meeting_id = m.id "
                + "WHERE m.branch_id IN (" + Sql.placeholders(branchIds) + ") AND m.type = 'PARTY_LESSON' "
                + "AND m.status = 'CLOSED' AND m.starts_at >= ? AND m.starts_at < ? AND r.lecturer_member_id IS NOT NULL",
                rs -> out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)), args.toArray());
        return out;
    }
}
