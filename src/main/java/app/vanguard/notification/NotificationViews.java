package app.vanguard.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Requests and responses of the notification feature. */
public final class NotificationViews {

    private NotificationViews() {
    }

    /** One inbox item (站内信). {@code link} is the object's API path. */
    @Serdeable
    public record NotificationView(long id, NotificationKind kind, String objectType, long objectId, String title,
                                   String body, String link, Instant time, boolean read, @Nullable Instant readAt) {
    }

    /** A page of the inbox, newest first, with the unread count. */
    @Serdeable
    public record Inbox(List<NotificationView> items, int page, int size, long total, long unread) {
    }

    @Serdeable
    public record UnreadCount(long unread) {
    }

    @Serdeable
    public record ReadAll(int marked) {
    }

    /** Whether the member gets this kind through this channel. */
    @Serdeable
    public record Preference(@NotNull NotificationKind kind, @NotNull Channel.Name channel, boolean enabled) {
    }

    @Serdeable
    public record Preferences(@NotNull @Size(max = 100) List<@Valid @NotNull Preference> items) {
    }

    /** A member told about an object: first and last notice, how many, first push delivered, first read. */
    @Serdeable
    public record Recipient(long memberId, @Nullable String memberName, Instant firstToldAt, Instant lastToldAt,
                            int notices, @Nullable Instant firstPushedAt, @Nullable Instant readAt) {
    }

    /** Who was told about a meeting and when, who read it (for those who may view its branch). */
    @Serdeable
    public record MeetingNoticeFigures(long meetingId, int told, int pushed, int read, List<Recipient> items) {
    }
}
