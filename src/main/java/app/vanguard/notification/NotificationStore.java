package app.vanguard.notification;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The notification feature's SQL: inbox, outbox (deliveries) and preferences. Runs on the caller's transaction. */
@Singleton
class NotificationStore {

    private static final String ITEM = "id, kind, object_type, object_id, title, body, link, shown_at, read_at";

    private final Sql sql;

    NotificationStore(Sql sql) {
        this.sql = sql;
    }

    /** One inbox item row, as stored. */
    record Item(long id, NotificationKind kind, String objectType, long objectId, String title, String body,
                String link, Instant shownAt, Instant readAt) {
    }

    /** Of these members, those told this kind about the object on this occasion: member → notification id. */
    java.util.Map<Long, Long> told(Collection<Long> memberIds, NotificationKind kind, long objectId, String occasion) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>(List.of(kind, kind.objectType(), objectId, occasion));
        args.addAll(memberIds);
        sql.each("SELECT member_id, id FROM notification WHERE kind = ? AND object_type = ? AND object_id = ? "
                + "AND occasion = ? AND member_id IN (" + Sql.placeholders(memberIds) + ")",
                rs -> out.put(rs.getLong(1), rs.getLong(2)), args.toArray());
        return out;
    }

    /** Inserts the members' notices in one batch (a notice already there is left as it is). */
    void insertAll(Collection<Long> memberIds, NotificationKind kind, long objectId, String occasion, String title,
                   String body, String link, Instant shownAt) {
        sql.batch("INSERT IGNORE INTO notification (member_id, kind, object_type, object_id, occasion, title, body, "
                + "link, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", memberIds.stream().map(m -> new Object[]{m,
                kind, kind.objectType(), objectId, occasion, title, body, link, shownAt}).toList());
    }

    /** Queues deliveries {notificationId, channel, dueAt} in one batch (each once per notice and channel). */
    void insertDeliveries(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            sql.batch("INSERT IGNORE INTO notification_delivery (notification_id, channel, state, due_at) "
                    + "VALUES (?, ?, 'PENDING', ?)", rows);
        }
    }

    /** Members who were told this kind about the object. */
    List<Long> recipients(NotificationKind kind, long objectId) {
        return sql.list("SELECT DISTINCT member_id FROM notification WHERE object_type = ? AND object_id = ? AND kind = ?",
                rs -> rs.getLong(1), kind.objectType(), objectId, kind);
    }

    /** Withdraws the object's notices of these kinds not yet shown at {@code now}, and their pending deliveries. */
    int withdrawFuture(NotificationKind.ObjectType type, long objectId, Collection<NotificationKind> kinds, Instant now) {
        List<Object> args = new ArrayList<>(List.of(type, objectId, now));
        args.addAll(kinds);
        String in = Sql.placeholders(kinds);
        sql.update("UPDATE notification_delivery d JOIN notification n ON n.id = d.notification_id "
                + "SET d.state = 'WITHDRAWN', d.lease_token = NULL WHERE n.object_type = ? AND n.object_id = ? "
                + "AND n.shown_at > ? AND n.kind IN (" + in + ") AND d.state = 'PENDING'", args.toArray());
        return sql.update("UPDATE notification SET withdrawn = TRUE WHERE object_type = ? AND object_id = ? "
                + "AND shown_at > ? AND kind IN (" + in + ") AND NOT withdrawn", args.toArray());
    }

    List<Item> page(long memberId, Instant now, boolean unreadOnly, int page, int size) {
        return sql.list("SELECT " + ITEM + " FROM notification WHERE member_id = ? AND shown_at <= ? AND NOT withdrawn"
                        + (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY shown_at DESC, id DESC LIMIT ? OFFSET ?",
                NotificationStore::item, memberId, now, size, (long) page * size);
    }

    long count(long memberId, Instant now, boolean unreadOnly) {
        return sql.count("SELECT COUNT(*) FROM notification WHERE member_id = ? AND shown_at <= ? AND NOT withdrawn"
                + (unreadOnly ? " AND read_at IS NULL" : ""), memberId, now);
    }

    java.util.Optional<Item> find(long memberId, long id, Instant now) {
        return sql.one("SELECT " + ITEM + " FROM notification WHERE id = ? AND member_id = ? AND shown_at <= ? "
                + "AND NOT withdrawn", NotificationStore::item, id, memberId, now);
    }

    void markRead(long memberId, long id, Instant now) {
        sql.update("UPDATE notification SET read_at = ? WHERE id = ? AND member_id = ? AND read_at IS NULL",
                now, id, memberId);
    }

    int markAllRead(long memberId, Instant now) {
        return sql.update("UPDATE notification SET read_at = ? WHERE member_id = ? AND shown_at <= ? "
                + "AND read_at IS NULL AND NOT withdrawn", now, memberId, now);
    }

    /** The member's explicit choices: "KIND:CHANNEL" → enabled. */
    java.util.Map<String, Boolean> preferences(long memberId) {
        java.util.Map<String, Boolean> out = new java.util.HashMap<>();
        sql.each("SELECT kind, channel, enabled FROM notification_preference WHERE member_id = ?",
                rs -> out.put(rs.getString(1) + ":" + rs.getString(2), rs.getBoolean(3)), memberId);
        return out;
    }

    /** Choices of several members who turned a channel of this kind off or on explicitly: "memberId:CHANNEL" → on. */
    java.util.Map<String, Boolean> preferences(Collection<Long> memberIds, NotificationKind kind) {
        java.util.Map<String, Boolean> out = new java.util.HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        List<Object> args = new ArrayList<>(List.of(kind));
        args.addAll(memberIds);
        sql.each("SELECT member_id, channel, enabled FROM notification_preference WHERE kind = ? AND member_id IN ("
                        + Sql.placeholders(memberIds) + ")",
                rs -> out.put(rs.getLong(1) + ":" + rs.getString(2), rs.getBoolean(3)), args.toArray());
        return out;
    }

    void savePreferences(long memberId, List<Object[]> kindChannelEnabled) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : kindChannelEnabled) {
            rows.add(new Object[] {memberId, r[0], r[1], r[2]});
        }
        sql.batch("INSERT INTO notification_preference (member_id, kind, channel, enabled) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE enabled = VALUES(enabled)", rows);
    }

    // ---- figures ----

    /** Per member told about the object (notices of these kinds shown by {@code now}, not withdrawn). */
    List<NotificationViews.Recipient> recipients(NotificationKind.ObjectType type, long objectId,
                                                 Collection<NotificationKind> kinds, Instant now) {
        List<Object> args = new ArrayList<>(List.of(type, objectId, now));
        args.addAll(kinds);
        return sql.list("SELECT n.member_id, " + app.vanguard.org.MemberStore.nameOf("n.member_id") + " AS name, "
                        + "MIN(n.shown_at) AS first_told, MAX(n.shown_at) AS last_told, COUNT(DISTINCT n.id), "
                        + "MIN(n.read_at) AS first_read, MIN(d.sent_at) AS first_pushed FROM notification n "
                        + "LEFT JOIN notification_delivery d ON d.notification_id = n.id AND d.state = 'SENT' "
                        + "WHERE n.object_type = ? AND n.object_id = ? AND n.shown_at <= ? AND NOT n.withdrawn "
                        + "AND n.kind IN (" + Sql.placeholders(kinds) + ") GROUP BY n.member_id ORDER BY name, n.member_id",
                rs -> new NotificationViews.Recipient(rs.getLong(1), rs.getString(2), Sql.instant(rs, "first_told"),
                        Sql.instant(rs, "last_told"), rs.getInt(5), Sql.instant(rs, "first_pushed"),
                        Sql.instant(rs, "first_read")), args.toArray());
    }

    // ---- the outbox sender ----

    /** A claimed delivery with what to send. */
    record Due(long deliveryId, Channel.Name channel, int attempts, long memberId, NotificationKind kind,
               long notificationId, String title, String body, String link, Instant shownAt) {
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code token} until {@code leaseUntil}; answers how many. Rows
     * another sender is claiming right now are skipped (SKIP LOCKED), so concurrent senders neither wait nor
     * deadlock on each other. Call inside a transaction.
     */
    int claim(String token, Instant now, Instant leaseUntil, int limit) {
        List<Long> ids = sql.list("SELECT id FROM notification_delivery WHERE state = 'PENDING' AND due_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
                rs -> rs.getLong(1), now, now, limit);
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(List.of(token, leaseUntil));
        args.addAll(ids);
        return sql.update("UPDATE notification_delivery SET lease_token = ?, lease_until = ? WHERE id IN ("
                + Sql.placeholders(ids) + ")", args.toArray());
    }

    List<Due> claimed(String token) {
        return sql.list("SELECT d.id, d.channel, d.attempts, n.member_id, n.kind, n.id, n.title, n.body, n.link, "
                        + "n.shown_at FROM notification_delivery d JOIN notification n ON n.id = d.notification_id "
                        + "WHERE d.lease_token = ? AND d.state = 'PENDING' ORDER BY d.id",
                rs -> new Due(rs.getLong(1), Channel.Name.valueOf(rs.getString(2)), rs.getInt(3), rs.getLong(4),
                        NotificationKind.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), Sql.instant(rs, "shown_at")), token);
    }

    /** Marks the delivery sent, if this claim still holds it. */
    int sent(long deliveryId, String token, Instant now) {
        return sql.update("UPDATE notification_delivery SET state = 'SENT', sent_at = ?, attempts = attempts + 1, "
                + "lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ?", now, deliveryId, token);
    }

    /** Records a failed attempt: again at {@code retryAt}, or FAILED when {@code retryAt} is null. */
    int failed(long deliveryId, String token, String reason, Instant retryAt) {
        String cut = reason == null ? "" : reason.length() > 500 ? reason.substring(0, 500) : reason;
        return sql.update("UPDATE notification_delivery SET attempts = attempts + 1, last_error = ?, "
                        + "state = ?, due_at = COALESCE(?, due_at), lease_token = NULL, lease_until = NULL "
                        + "WHERE id = ? AND lease_token = ?", cut, retryAt == null ? "FAILED" : "PENDING", retryAt,
                deliveryId, token);
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(rs.getLong(1), NotificationKind.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), rs.getString(7), Sql.instant(rs, "shown_at"),
                Sql.instant(rs, "read_at"));
    }
}
