package app.vanguard.notification;

import app.vanguard.shared.ApiException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A member's inbox and notification choices; every call acts on the caller's own notifications only. */
@Singleton
public class NotificationService {

    private final NotificationStore store;
    private final Notifier notifier;
    private final Clock clock;

    NotificationService(NotificationStore store, Notifier notifier, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public NotificationViews.Inbox inbox(long memberId, boolean unreadOnly, int page, int size) {
        Instant now = now();
        List<NotificationViews.NotificationView> items = store.page(memberId, now, unreadOnly, page, size).stream()
                .map(NotificationService::view).toList();
        return new NotificationViews.Inbox(items, page, size, store.count(memberId, now, unreadOnly),
                store.count(memberId, now, true));
    }

    @Transactional(readOnly = true)
    public NotificationViews.UnreadCount unread(long memberId) {
        return new NotificationViews.UnreadCount(store.count(memberId, now(), true));
    }

    /** Marks one of the member's notifications read (again is fine); another member's answers 404. */
    @Transactional
    public NotificationViews.NotificationView read(long memberId, long id) {
        Instant now = now();
        store.find(memberId, id, now).orElseThrow(() -> ApiException.notFound("Notification " + id));
        store.markRead(memberId, id, now);
        return view(store.find(memberId, id, now).orElseThrow());
    }

    @Transactional
    public NotificationViews.ReadAll readAll(long memberId) {
        return new NotificationViews.ReadAll(store.markAllRead(memberId, now()));
    }

    /** Every kind × push channel with the member's choice (or the default). */
    @Transactional(readOnly = true)
    public NotificationViews.Preferences preferences(long memberId) {
        Map<String, Boolean> chosen = store.preferences(memberId);
        List<NotificationViews.Preference> items = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            for (Channel.Name channel : Channel.Name.values()) {
                items.add(new NotificationViews.Preference(kind, channel,
                        chosen.getOrDefault(kind + ":" + channel, notifier.byDefault(channel))));
            }
        }
        return new NotificationViews.Preferences(items);
    }

    @Transactional
    public NotificationViews.Preferences choose(long memberId, NotificationViews.Preferences request) {
        List<Object[]> rows = new ArrayList<>();
        for (NotificationViews.Preference p : request.items()) {
            rows.add(new Object[] {p.kind(), p.channel(), p.enabled()});
        }
        store.savePreferences(memberId, rows);
        return preferences(memberId);
    }

    /** The notices a meeting's attendees get (scheduled, changed, cancelled, reminders, absent). */
    private static final List<NotificationKind> MEETING_NOTICES = List.of(NotificationKind.MEETING_SCHEDULED,
            NotificationKind.MEETING_CHANGED, NotificationKind.MEETING_CANCELLED, NotificationKind.MEETING_REMINDER,
            NotificationKind.MEETING_MISSED);

    /** Who was told about the meeting and when, who read it. The caller checks access to the meeting. */
    @Transactional(readOnly = true)
    public NotificationViews.MeetingNoticeFigures meetingFigures(long meetingId) {
        List<NotificationViews.Recipient> items = store.recipients(NotificationKind.ObjectType.MEETING, meetingId,
                MEETING_NOTICES, now());
        int pushed = (int) items.stream().filter(r -> r.firstPushedAt() != null).count();
        int read = (int) items.stream().filter(r -> r.readAt() != null).count();
        return new NotificationViews.MeetingNoticeFigures(meetingId, items.size(), pushed, read, items);
    }

    private static NotificationViews.NotificationView view(NotificationStore.Item i) {
        return new NotificationViews.NotificationView(i.id(), i.kind(), i.objectType(), i.objectId(), i.title(),
                i.body(), i.link(), i.shownAt(), i.readAt() != null, i.readAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
