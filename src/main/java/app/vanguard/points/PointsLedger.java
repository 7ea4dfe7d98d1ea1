package app.vanguard.points;

import app.vanguard.org.MemberStore;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The MySQL side of an award, in one transaction: lock the member's running total for the action and day, return
 * the existing entry if this (member, action, reference) was already awarded, otherwise record what fits under the
 * daily cap. Awards of the same member and action serialise on that row lock; the unique key catches the rest.
 * The statements are {@link PointsStore}'s; a unique key refusing a write surfaces as {@code Sql.Duplicate}.
 */
@Singleton
public class PointsLedger {

    private final PointsStore store;
    private final MemberStore members;
    private final PointsSettings caps;
    private final Clock clock;

    public PointsLedger(PointsStore store, MemberStore members, PointsSettings caps, Clock clock) {
        this.store = store;
        this.members = members;
        this.caps = caps;
        this.clock = clock;
    }

    /** Records the award; returns the entry (new or already there) and the member's branch at award time. */
    @Transactional
    public Recorded record(long memberId, PointsAction action, String reference, int requested) {
        Instant now = clock.instant();
        LocalDate day = BusinessTime.dateOf(now);
        Optional<Recorded> existing = store.find(memberId, action, reference, false);
        if (existing.isPresent()) {
            return existing.get();
        }
        Long branchOf = members.branchOf(memberId)
                .orElseThrow(() -> new IllegalArgumentException("No member " + memberId)).orElse(null);
        if (branchOf == null) {
            // Fair play: a pending registrant (no branch until their declaration is verified) earns nothing, and
            // nothing carries over on verification: no ledger row, so no board ever sees it.
            return new Recorded(new PointsAward(0, memberId, action, reference, requested, 0, false, false, day), null,
                    now.toEpochMilli());
        }
        int total = store.lockDailyTotal(memberId, action, day);
        // No second look under the lock: an award of the same reference committed meanwhile is caught by the
        // INSERT IGNORE below, which then reads it (and the daily total is only raised for a new row).
        int granted = (int) Math.max(0, Math.min((long) requested, (long) caps.capFor(action) - total));
        Long branchId = branchOf;
        long id = store.insertIgnore(memberId, branchId, action, reference, requested, granted, day, now.toEpochMilli());
        if (id == 0) {
            // A concurrent award of the same reference won: read it with a locking read.
            return store.find(memberId, action, reference, true).orElseThrow(() -> new IllegalStateException(
                    "points entry neither inserted nor found: " + memberId + " " + action + " " + reference));
        }
        if (granted > 0) {
            store.addToDailyTotal(memberId, action, day, granted);
        }
        return new Recorded(new PointsAward(id, memberId, action, reference, requested, granted, granted < requested,
                false, day), branchId, now.toEpochMilli());
    }

    /** Looks the award up outside any lock, e.g. after a {@code Sql.Duplicate}. */
    @Transactional(readOnly = true)
    public Optional<Recorded> find(long memberId, PointsAction action, String reference) {
        return store.find(memberId, action, reference, false);
    }

    /** An award as stored, with what the boards need: the branch and the award time. */
    public record Recorded(PointsAward award, Long branchId, long createdAtMs) {
    }
}
