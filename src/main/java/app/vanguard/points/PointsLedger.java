package app.vanguard.points;

import app.vanguard.org.MemberStore;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MySQL side of awards, in one transaction and a constant number of statements however many awards it holds
 * (a group commit's batch, or one): lock the members' running totals for the actions and day, read which
 * (member, action, reference) are already recorded, record the rest under the daily caps, raise the totals.
 * Awards of the same member and action serialise on the total's row lock; the unique key catches the rest (an award
 * of the same reference on another day racing this one: {@code Sql.Duplicate}, the whole transaction rolls back).
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

    /** What to award. */
    public record Request(long memberId, PointsAction action, String reference, int points) {
    }

    /**
     * Records the awards (in order; a request repeated within the list answers as its first); returns each entry (new
     * or already there) with the member's branch at award time. Statements: branches, lock totals (2), recorded
     * entries, insert, raise totals — six for any number of awards.
     */
    @Transactional
    public List<Recorded> recordAll(List<Request> requests) {
        Instant now = clock.instant();
        LocalDate day = BusinessTime.dateOf(now);
        long nowMs = now.toEpochMilli();
        LinkedHashSet<Long> memberIds = new LinkedHashSet<>();
        requests.forEach(r -> memberIds.add(r.memberId()));
        Map<Long, Long> branches = members.branchesOf(memberIds);
        List<PointsStore.DayKey> dayKeys = new ArrayList<>();
        List<PointsStore.EntryKey> entryKeys = new ArrayList<>();
        for (Request r : requests) {
            if (!branches.containsKey(r.memberId())) {
                throw new IllegalArgumentException("No member " + r.memberId());
            }
            if (branches.get(r.memberId()) != null) {
                dayKeys.add(new PointsStore.DayKey(r.memberId(), r.action()));
                entryKeys.add(new PointsStore.EntryKey(r.memberId(), r.action(), r.reference()));
            }
        }
        Map<PointsStore.DayKey, Integer> totals = dayKeys.isEmpty() ? Map.of() : store.lockDailyTotals(dayKeys, day);
        // Read under the locks: the latest commits, so an award committed meanwhile is seen, not inserted twice.
        Map<PointsStore.EntryKey, Recorded> recorded = new HashMap<>(store.find(new LinkedHashSet<>(entryKeys), true));
        Map<PointsStore.DayKey, Integer> granted = new HashMap<>();
        List<PointsStore.NewEntry> fresh = new ArrayList<>();
        List<Integer> freshAt = new ArrayList<>();
        Recorded[] out = new Recorded[requests.size()];
        Map<PointsStore.EntryKey, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            Long branchId = branches.get(r.memberId());
            if (branchId == null) {
                // Fair play: a pending registrant (no branch until their declaration is verified) earns nothing, and
                // nothing carries over on verification: no ledger row, so no board ever sees it.
                out[i] = new Recorded(new PointsAward(0, r.memberId(), r.action(), r.reference(), r.points(), 0, false,
                        false, day), null, nowMs);
                continue;
            }
            PointsStore.EntryKey key = new PointsStore.EntryKey(r.memberId(), r.action(), r.reference());
            if (recorded.containsKey(key) || firstIndex.containsKey(key)) {
                continue; // answered below, once the new entries have their ids
            }
            firstIndex.put(key, i);
            PointsStore.DayKey dayKey = new PointsStore.DayKey(r.memberId(), r.action());
            int total = totals.getOrDefault(dayKey, 0) + granted.getOrDefault(dayKey, 0);
            int points = (int) Math.max(0, Math.min((long) r.points(), (long) caps.capFor(r.action()) - total));
            granted.merge(dayKey, points, Integer::sum);
            fresh.add(new PointsStore.NewEntry(r.memberId(), branchId, r.action(), r.reference(), r.points(), points));
            freshAt.add(i);
        }
        long[] ids = store.insert(fresh, day, nowMs);
        for (int j = 0; j < fresh.size(); j++) {
            PointsStore.NewEntry e = fresh.get(j);
            out[freshAt.get(j)] = new Recorded(new PointsAward(ids[j], e.memberId(), e.action(), e.reference(),
                    e.requested(), e.points(), e.points() < e.requested(), false, day), e.branchId(), nowMs);
        }
        store.addToDailyTotals(granted, day);
        for (int i = 0; i < requests.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            Request r = requests.get(i);
            PointsStore.EntryKey key = new PointsStore.EntryKey(r.memberId(), r.action(), r.reference());
            Recorded before = recorded.get(key);
            if (before == null) { // a repeat within this batch: the same entry, as a duplicate
                Recorded first = out[firstIndex.get(key)];
                PointsAward a = first.award();
                before = new Recorded(new PointsAward(a.entryId(), a.memberId(), a.action(), a.reference(),
                        a.requested(), a.points(), a.capped(), true, a.businessDate()), first.branchId(),
                        first.createdAtMs());
            }
            out[i] = before;
        }
        return List.of(out);
    }

    /** Looks the award up outside any lock. */
    @Transactional(readOnly = true)
    public Optional<Recorded> find(long memberId, PointsAction action, String reference) {
        PointsStore.EntryKey key = new PointsStore.EntryKey(memberId, action, reference);
        return Optional.ofNullable(store.find(List.of(key), false).get(key));
    }

    /** An award as stored, with what the boards need: the branch and the award time. */
    public record Recorded(PointsAward award, Long branchId, long createdAtMs) {
    }
}
