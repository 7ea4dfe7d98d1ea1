package app.vanguard.notification;

import app.vanguard.org.MemberStore;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers the outbox. Any number of instances may run it at once: a pass claims due rows with one
 * {@code UPDATE ... SET lease_token WHERE lease expired ... LIMIT n} (committed before anything is sent), sends
 * only the rows its token holds, and records each outcome only while its lease still holds. A sender that dies
 * leaves its rows to be claimed again when the lease runs out. Failures are retried with doubling delays, then
 * marked FAILED with the reason.
 */
@Singleton
public class NotificationSender {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);

    private final NotificationStore store;
    private final MemberStore members;
    private final Map<Channel.Name, Channel> channels = new EnumMap<>(Channel.Name.class);
    private final NotificationSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    NotificationSender(NotificationStore store, MemberStore members, List<Channel> channels,
                       NotificationSettings settings, TransactionOperations<Connection> transactions, Clock clock) {
        this.store = store;
        this.members = members;
        channels.forEach(c -> this.channels.put(c.name(), c));
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vanguard.notification.send-interval:5s}",
            initialDelay = "${vanguard.notification.send-interval:5s}")
    void scheduledSend() {
        if (!settings.isSenderEnabled()) {
            return;
        }
        try {
            int n;
            do {
                n = sendDue();
            } while (n == settings.getBatchSize());
        } catch (RuntimeException e) {
            LOG.warn("Notification sending deferred: {}", e.toString());
        }
    }

    /** One pass: claims up to a batch of due deliveries and sends them; answers how many it claimed. */
    public int sendDue() {
        String token = UUID.randomUUID().toString();
        Instant now = now();
        int claimed = claim(token, now);
        if (claimed == 0) {
            return 0;
        }
        List<NotificationStore.Due> due = transactions.executeRead(s -> store.claimed(token));
        Map<Long, String[]> contacts = transactions.executeRead(s ->
                members.contacts(due.stream().map(NotificationStore.Due::memberId).distinct().toList()));
        for (NotificationStore.Due d : due) {
            String[] c = contacts.get(d.memberId());
            Channel channel = channels.get(d.channel());
            String error;
            boolean permanent;
            try {
                if (c == null || channel == null) {
                    throw new Channel.Failure("member disabled or channel gone", true);
                }
                channel.send(new Channel.Contact(d.memberId(), c[0], c[1]), new Channel.Message(d.notificationId(),
                        d.kind(), d.title(), d.body(), d.link(), d.shownAt()));
                transactions.executeWrite(s -> store.sent(d.deliveryId(), token, now()));
                continue;
            } catch (Channel.Failure e) {
                error = e.getMessage();
                permanent = e.permanent();
            } catch (RuntimeException e) {
                error = e.toString();
                permanent = false;
            }
            int attempt = d.attempts() + 1;
            Instant retryAt = permanent || attempt >= settings.getMaxAttempts() ? null
                    : now().plus(settings.getRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 20)));
            String reason = error;
            transactions.executeWrite(s -> store.failed(d.deliveryId(), token, reason, retryAt));
            LOG.info("Delivery {} ({}) failed, attempt {}: {}", d.deliveryId(), d.channel(), attempt, reason);
        }
        return claimed;
    }

    /** Claims a batch; a deadlock the database reports anyway is retried a few times (no row is sent twice). */
    private int claim(String token, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(s ->
                        store.claim(token, now, now.plus(settings.getLease()), settings.getBatchSize()));
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                if (attempt >= 3 || !(message.contains("Deadlock") || message.contains("try restarting transaction"))) {
                    throw e;
                }
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Duration lease() {
        return settings.getLease();
    }
}
