package app.vanguard.points;

import app.vanguard.org.MemberStore;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
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
import java.util.Set;

/**
 * The MySQL side of awards, in one transaction and a constant number of statements however many awards it holds
 * (a group commit's batch, or one): lock the members and their running totals for the actions and day, read which
 * (member, action, reference) are already recorded, record the rest under the daily caps, raise the totals and the
 * boards' figures (V104). Awards of the same member serialise on the member's row lock; the unique key catches the
 * rest (an award of the same reference on another day racing this one: {@code Sql.Duplicate}, the whole transaction
 * rolls back).
 */
@Singleton
public class PointsLedger {

    private final PointsStore store;
    private final BoardLedgerStore figures;
    private final MemberStore members;
    private final Sql sql;
    private final PointsSettings caps;
    private final Clock clock;

    public PointsLedger(PointsStore store, BoardLedgerStore figures, MemberStore members, Sql sql, PointsSettings caps,
                        Clock clock) {
        this.store = store;
        this.figures = figures;
        this.sql = sql;
        this.members = members;
        this.caps = caps;
        this.clock = clock;
    }

    /** What to award. */
    public record Request(long memberId, PointsAction action, String reference, int points) {
    }

    /**
     * What an award transaction recorded: each request's entry, and (when asked for and some entry is new with
     * points) the boards' figures of the members it gave points, read inside the transaction after raising them.
     */
    public record Result(List<Recorded> entries, @Nullable BoardFigures figures) {
    }

    /**
     * Records the awards (in order; a request repeated within the list answers as its first); returns each entry (new
     * or already there) with the member's branch at award time. Two round trips for any number of awards
     * ({@link Sql#script}): the members' branches, their running totals created and locked, and the entries already
     * recorded; then the new entries, their ids read back, the raised totals, the raised board figures and (with
     * {@code withFigures}) those figures read back for the boards.
     */
    @Transactional
    public Result recordAll(List<Request> requests, boolean withFigures) {
        Instant now = clock.instant();
        LocalDate day = BusinessTime.dateOf(now);
        long nowMs = now.toEpochMilli();
        LinkedHashSet<Long> memberIds = new LinkedHashSet<>();
        List<PointsStore.DayKey> dayKeys = new ArrayList<>(requests.size());
        LinkedHashSet<PointsStore.EntryKey> entryKeys = new LinkedHashSet<>();
        for (Request r : requests) {
            memberIds.add(r.memberId());
            dayKeys.add(new PointsStore.DayKey(r.memberId(), r.action()));
            entryKeys.add(new PointsStore.EntryKey(r.memberId(), r.action(), r.reference()));
        }
        // The members' rows first, locked: one member's awards (of any action, from any feature) run one after
        // another, so they never deadlock on the running totals and board figures they share, and each reads the
        // figures the one before it left. A running total of 0 is also made for a member without a branch (who earns
        // nothing): harmless, and it lets one round trip hold the branches, the locks and the reads under them.
        Map<Long, Long> branches = new HashMap<>();
        Map<PointsStore.DayKey, Integer> totals = new HashMap<>();
        Map<PointsStore.EntryKey, Recorded> recorded = new HashMap<>();
        List<Sql.Step> reads = new ArrayList<>();
        reads.add(members.lockBranchesOf(memberIds, branches));
        reads.addAll(store.lockDailyTotals(dayKeys, day, totals));
        // Read under the locks: the latest commits, so an award committed meanwhile is seen, not inserted twice.
        reads.add(store.find(entryKeys, true, recorded));
        sql.script(reads);
        for (Request r : requests) {
            if (!branches.containsKey(r.memberId())) {
                throw new IllegalArgumentException("No member " + r.memberId());
            }
        }
        Map<PointsStore.DayKey, Integer> granted = new HashMap<>();
        List<PointsStore.NewEntry> fresh = new ArrayList<>();
        List<Integer> freshAt = new ArrayList<>();
        Recorded[] out = new Recorded[requests.size()];
        Map<PointsStore.EntryKey, Integer> firstIndex = new HashMap<>();
        List<BoardLedgerStore.BranchContribution> boardRows = null;
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
        if (!fresh.isEmpty()) {
            List<PointsStore.EntryKey> freshKeys = fresh.stream()
                    .map(e -> new PointsStore.EntryKey(e.memberId(), e.action(), e.reference())).toList();
            Map<PointsStore.EntryKey, Recorded> readBack = new HashMap<>();
            List<Sql.Step> writes = new ArrayList<>();
            writes.add(store.insert(fresh, day, nowMs));
            writes.add(store.find(freshKeys, false, readBack)); // the new entries' ids, by key
            writes.addAll(store.addToDailyTotals(granted, day));
            List<Sql.Step> raised = store.addToBoardFigures(fresh, day, nowMs);
            writes.addAll(raised);
            if (withFigures && !raised.isEmpty()) {
                // Read after raising them, under their row locks: every committed award of these members is in
                // them, and the rows this transaction wrote are read as it left them.
                Set<Long> gained = new LinkedHashSet<>();
                fresh.stream().filter(e -> e.points() > 0 && e.branchId() != null).forEach(e -> gained.add(e.memberId()));
                boardRows = new ArrayList<>();
                writes.add(figures.figures(gained, Period.earliestStart(day), boardRows));
            }
            sql.script(writes);
            for (int j = 0; j < fresh.size(); j++) {
                PointsStore.NewEntry e = fresh.get(j);
                Recorded stored = readBack.get(freshKeys.get(j));
                if (stored == null) {
                    throw new IllegalStateException("points entry of member " + e.memberId() + " not read back");
                }
                long id = stored.award().entryId();
                out[freshAt.get(j)] = new Recorded(new PointsAward(id, e.memberId(), e.action(), e.reference(),
                        e.requested(), e.points(), e.points() < e.requested(), false, day), e.branchId(), nowMs);
            }
        }
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
        return new Result(List.of(out), boardRows == null ? null : new BoardFigures(day, boardRows));
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
