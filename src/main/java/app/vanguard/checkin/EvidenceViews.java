package app.vanguard.checkin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of meeting evidence (会议纪实): who hosted, recorded and lectured, attachments, and the guests of an
 * open Party lesson (开放式组织生活). Kept beside {@link CheckInViews}.
 */
public final class EvidenceViews {

    private EvidenceViews() {
    }

    /** A Party lesson's lecturer: a member, or an outside speaker with name and title. */
    @Serdeable
    public record LecturerRequest(@Nullable Long memberId, @Nullable @Size(max = 100) String name,
                                  @Nullable @Size(max = 200) String title) {
    }

    @Serdeable
    public record RolesRequest(@Nullable Long hostMemberId, @Nullable Long recorderMemberId,
                               @Nullable @Valid LecturerRequest lecturer) {
    }

    @Serdeable
    public record PersonRef(long memberId, String name) {
    }

    @Serdeable
    public record Lecturer(@Nullable Long memberId, String name, @Nullable String title, boolean outsideSpeaker) {
    }

    @Serdeable
    public record RolesView(long meetingId, @Nullable PersonRef host, @Nullable PersonRef recorder,
                            @Nullable Lecturer lecturer, long updatedBy, Instant updatedAt) {
    }

    @Serdeable
    public record AttachmentView(long id, long meetingId, String fileName, String contentType,
                                 AttachmentInspector.Kind kind, long sizeBytes, String sha256, boolean thumbnail,
                                 long uploadedBy, Instant uploadedAt) {
    }

    /** A guest: another branch's member (memberId), or someone outside the Party (name, organisation). */
    @Serdeable
    public record GuestRequest(@Nullable Long memberId, @Nullable @Size(max = 100) String name,
                               @Nullable @Size(max = 200) String organisation) {
    }

    @Serdeable
    public record GuestView(long id, long meetingId, @Nullable Long memberId, String name,
                            @Nullable String organisation, boolean partyMember, boolean attended,
                            @Nullable Instant attendedAt) {
    }

    /** Everything kept as evidence of one meeting. */
    @Serdeable
    public record Evidence(long meetingId, @Nullable RolesView roles, List<AttachmentView> attachments,
                           List<GuestView> guests, int guestsAttended) {
    }
}
