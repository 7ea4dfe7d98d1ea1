package app.vanguard.notification;

/** A push channel the outbox sender delivers through (WeChat subscribe messages, SMS). */
public interface Channel {

    /** The push channels; the inbox is not one of them (every notification is in the inbox). */
    enum Name { WECHAT, SMS }

    Name name();

    /** Whether the channel is configured at all and can reach this member for this kind. */
    boolean canReach(Contact contact, NotificationKind kind);

    /** Sends one message; throws {@link Failure} when the provider refuses or cannot be reached. */
    void send(Contact contact, Message message) throws Failure;

    /** Where a member can be reached: their WeChat openid (null when not bound) and phone. */
    record Contact(long memberId, String openid, String phone) {
    }

    /** What is sent. */
    record Message(long notificationId, NotificationKind kind, String title, String body, String link,
                   java.time.Instant time) {
    }

    /** A failed send; {@code permanent} when retrying cannot help (e.g. the member refused the subscription). */
    final class Failure extends Exception {
        private final boolean permanent;

        public Failure(String reason, boolean permanent) {
            super(reason);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
