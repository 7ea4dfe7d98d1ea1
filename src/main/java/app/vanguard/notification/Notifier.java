package app.vanguard.notification;

import app.vanguard.org.MemberStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static app.vanguard.notification.NotificationKind.MEETING_REMINDER;

/**
 * What other features call, in one line, to tell members something: writes each member's inbox item and queues
 * its push deliveries (outbox) on the caller's transaction, so a notice exists exactly when the change that caused
 * it is committed, and exactly once per (member, kind, object, occasion). The sender pushes them later.
 * A meeting's notices also plan (or withdraw) its reminders.
 */
@Singleton
public class Notifier {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final NotificationStore store;
    private final MemberStore members;
    private final List<Channel> channels;
    private final NotificationSettings settings;
    private final Clock clock;

    Notifier(NotificationStore store, MemberStore members, List<Channel> channels, NotificationSettings settings,
             Clock clock) {
        this.store = store;
        this.members = members;
        this.channels = channels;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Tells the members. {@code occasion} tells repeated notices of one kind about one object apart (e.g. the time
     * of a change); use "" for once per object. The body's parameters come as name, value, name, value...
     * (null values are empty); Instants are shown as Shanghai times.
     * {@code startsAt} (an Instant) of a meeting kind plans its reminders. A {@code link} parameter replaces the
     * object's default link (e.g. the secretary's review page of a declaration instead of the member's own).
     */
    @Transactional
    public void notify(Collection<Long> memberIds, NotificationKind kind, long objectId, String occasion,
                       Object... nameValuePairs) {
        Map<String, Object> params = params(nameValuePairs);
        Instant now = now();
        Map<String, String> text = text(params);
        write(memberIds, kind, objectId, occasion, text, now, urgentUntil(kind, params));
        if (kind == NotificationKind.MEETING_SCHEDULED || kind == NotificationKind.MEETING_CHANGED
                || kind == NotificationKind.MEETING_CANCELLED) {
            planReminders(memberIds, kind, objectId, params, text, now);
        }
    }

    /**
     * Tells the members at {@code shownAt} (in the future): the notice waits, invisible and unsent, until then, and
     * {@link #withdraw} takes it back before. Exactly once per (member, kind, object, occasion) like every notice.
     */
    @Transactional
    public void notifyAt(Collection<Long> memberIds, NotificationKind kind, long objectId, String occasion,
                         Instant shownAt, Object... nameValuePairs) {
        Map<String, Object> params = params(nameValuePairs);
        Instant now = now();
        Instant at = shownAt.isAfter(now) ? shownAt.truncatedTo(ChronoUnit.MILLIS) : now;
        write(memberIds, kind, objectId, occasion, text(params), at, urgentUntil(kind, params));
    }

    /** Withdraws the object's notices of these kinds not shown yet (and their pending pushes). */
    @Transactional
    public int withdraw(NotificationKind.ObjectType type, long objectId, Collection<NotificationKind> kinds) {
        return store.withdrawFuture(type, objectId, kinds, now());
    }

    private void planReminders(Collection<Long> memberIds, NotificationKind kind, long objectId,
                               Map<String, Object> params, Map<String, String> text, Instant now) {
        {
            // Reminders planned for the old time are never sent (moved or cancelled meeting).
            store.withdrawFuture(kind.objectType(), objectId, List.of(MEETING_REMINDER), now);
            if (kind != NotificationKind.MEETING_CANCELLED && params.get("startsAt") instanceof Instant startsAt) {
                for (Duration before : settings.getMeetingReminders()) {
                    Instant at = startsAt.minus(before);
                    if (at.isAfter(now)) {
                        write(memberIds, MEETING_REMINDER, objectId, before + "@" + startsAt.toEpochMilli(), text, at,
                                startsAt);
                    }
                }
            }
        }
    }

    /** Tells the members who were told {@code toldKind} about the object (e.g. a meeting's expected attendees). */
    @Transactional
    public void notifyThoseTold(NotificationKind toldKind, NotificationKind kind, long objectId, String occasion,
                                Object... nameValuePairs) {
        notify(store.recipients(toldKind, objectId), kind, objectId, occasion, nameValuePairs);
    }

    /** Tells the branch's secretary and committee members (支委). */
    @Transactional
    public void notifySecretaries(long branchId, NotificationKind kind, long objectId, String occasion,
                                  Object... nameValuePairs) {
        notify(members.enabledCommitteeIds(branchId), kind, objectId, occasion, nameValuePairs);
    }

    /** Members handled per round of statements (an IN list and a batch of inserts each). */
    private static final int CHUNK = 500;

    /**
     * Writes the notices and their deliveries in rounds of {@link #CHUNK} members, a few statements a round (a
     * 300-member meeting or a whole committee's contest in a handful of round trips). Exactly once per (member, kind,
     * object, occasion) by the unique key: a notice already there is neither written again nor queued again.
     */
    private void write(Collection<Long> memberIds, NotificationKind kind, long objectId, String occasion,
                       Map<String, String> text, Instant shownAt, Instant urgentUntil) {
        if (memberIds.isEmpty()) {
            return;
        }
        String title = kind.title();
        String body = kind.body(text);
        String link = text.getOrDefault("link", "").startsWith("/") ? text.get("link") : kind.objectType().link(objectId);
        Instant dueAt = outsideQuietHours(shownAt, urgentUntil);
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(memberIds));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<Long, String[]> contacts = members.contacts(chunk);
            List<Long> reachable = chunk.stream().filter(contacts::containsKey).toList(); // enabled members only
            if (reachable.isEmpty()) {
                continue;
            }
            java.util.Set<Long> before = new java.util.HashSet<>(store.told(reachable, kind, objectId, occasion).keySet());
            List<Long> fresh = reachable.stream().filter(id -> !before.contains(id)).toList();
            if (fresh.isEmpty()) {
                continue; // told before: exactly once
            }
            store.insertAll(fresh, kind, objectId, occasion, title, body, link, shownAt);
            Map<Long, Long> ids = store.told(fresh, kind, objectId, occasion);
            Map<String, Boolean> choices = store.preferences(fresh, kind);
            List<Object[]> deliveries = new java.util.ArrayList<>();
            for (long memberId : fresh) {
                Long id = ids.get(memberId);
                if (id == null) {
                    continue;
                }
                String[] contact = contacts.get(memberId);
                Channel.Contact to = new Channel.Contact(memberId, contact[0], contact[1]);
                for (Channel channel : channels) {
                    boolean wanted = choices.getOrDefault(memberId + ":" + channel.name(), byDefault(channel.name()));
                    if (wanted && channel.canReach(to, kind)) {
                        deliveries.add(new Object[]{id, channel.name(), dueAt});
                    }
                }
            }
            store.insertDeliveries(deliveries);
        }
    }

    boolean byDefault(Channel.Name channel) {
        return channel == Channel.Name.WECHAT ? settings.isWechatByDefault() : settings.isSmsByDefault();
    }

    /** When a push may go: at once, or at the end of quiet hours (免打扰) unless a meeting starts within the hour. */
    Instant outsideQuietHours(Instant at, Instant urgentUntil) {
        if (urgentUntil != null && !urgentUntil.isAfter(at.plus(Duration.ofHours(1)))) {
            return at;
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, app.vanguard.shared.BusinessTime.ZONE);
        LocalTime from = settings.getQuietFrom();
        LocalTime until = settings.getQuietUntil();
        LocalTime t = local.toLocalTime();
        boolean quiet = from.isAfter(until) ? !t.isBefore(from) || t.isBefore(until) : !t.isBefore(from) && t.isBefore(until);
        if (!quiet) {
            return at;
        }
        LocalDateTime end = local.toLocalDate().atTime(until);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.atZone(app.vanguard.shared.BusinessTime.ZONE).toInstant();
    }

    private static Instant urgentUntil(NotificationKind kind, Map<String, ?> params) {
        return kind.objectType() == NotificationKind.ObjectType.MEETING && params.get("startsAt") instanceof Instant s
                ? s : null;
    }

    private static Map<String, Object> params(Object[] pairs) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            out.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, String> text(Map<String, ?> params) {
        Map<String, String> out = new HashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof Instant i
                ? TIME.format(LocalDateTime.ofInstant(i, app.vanguard.shared.BusinessTime.ZONE))
                : v == null ? "" : v.toString()));
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
