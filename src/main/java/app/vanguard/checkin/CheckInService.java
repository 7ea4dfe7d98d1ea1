package app.vanguard.checkin;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.points.BoardFigures;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsAward;
import app.vanguard.shared.GroupCommit;
import app.vanguard.shared.TooManyRequestsException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import app.vanguard.points.PointsService;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Sql;
import app.vanguard.shared.QrCodes;
import app.vanguard.shared.ShanghaiTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The rotating code for the secretary's screen, members' check-ins, and check-ins marked by hand. */
@Singleton
public class CheckInService {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private final MeetingService meetings;
    private final AttendanceStore store;
    private final CheckInThrottle throttle;
    private final PointsService points;
    private final CheckInSettings settings;
    private final QrCodes qr;
    private final AccessPolicy access;
    private final TransactionOperations<Connection> transactions;
    /** A meeting's opening minutes: many members' check-ins in one transaction (group commit). */
    private final GroupCommit.Batcher<CheckInItem, Recorded> checkInBatches;
    /** Meetings as the check-in batches last read them; each use is checked against the row's updated_at. */
    private final Cache<Long, Meeting> meetingCache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(java.time.Duration.ofHours(1)).build();

    public CheckInService(MeetingService meetings, AttendanceStore store, CheckInThrottle throttle,
                          PointsService points, CheckInSettings settings, QrCodes qr, AccessPolicy access,
                          TransactionOperations<Connection> transactions, GroupCommit groupCommit) {
        this.access = access;
        this.transactions = transactions;
        this.qr = qr;
        this.meetings = meetings;
        this.store = store;
        this.throttle = throttle;
        this.points = points;
        this.settings = settings;
        this.checkInBatches = groupCommit.batcher("check-in", this::recordAll, this::afterCheckIns);
    }

    /** The current code, only while check-in is open. */
    public CheckInViews.CodeView currentCode(Meeting meeting) {
        Instant now = meetings.now();
        requireOpen(meeting, now);
        long step = CheckInCodes.step(now);
        String code = CheckInCodes.code(meeting.codeSecret(), step);
        return new CheckInViews.CodeView(code, CheckInCodes.stepEnd(step),
                "vanguard://checkin?meeting=" + meeting.id() + "&code=" + code);
    }

    /** The current code's payload as a QR code PNG. */
    public byte[] qrPng(Meeting meeting, int size) {
        return qr.png(currentCode(meeting).payload(), size);
    }

    /** A new check-in, or what already stands (never a second row). */
    public record Outcome(CheckInViews.AttendanceView record, boolean created) {
    }

    /**
     * A member checks in; a second check-in returns the first record ({@code created = false}). The hot path of a
     * meeting's opening minutes (bench/): here only the member's wrong-code count is looked up (Redis); the meeting,
     * the member's standing, the rules, the attendance row and its points are all the group commit's, with other
     * members' check-ins in one transaction, and the future completes once they are committed.
     */
    public CompletableFuture<Outcome> checkIn(Caller caller, long meetingId, CheckInViews.CheckInRequest request) {
        TooManyRequestsException throttled = null;
        try {
            throttle.check(caller.memberId());
        } catch (TooManyRequestsException e) {
            throttled = e; // applied in its place among the rules (after the standing: a repeat still answers 200)
        }
        return checkInBatches.submit(new CheckInItem(caller, meetingId, request, meetings.now(), throttled))
                .thenApply(Recorded::outcome);
    }

    /** A member's check-in waiting for its batch: who, where, what they sent, when, and their wrong-code standing. */
    private record CheckInItem(Caller caller, long meetingId, CheckInViews.CheckInRequest request, Instant at,
                               @Nullable TooManyRequestsException throttled) {
    }

    /** A check-in's outcome, and its batch's board figures when it earned points now (null otherwise). */
    private record Recorded(Outcome outcome, @Nullable BoardFigures board) {
    }

    /**
     * A batch of check-ins in the group commit's transaction, in a constant number of statements: the meetings (read
     * with a shared lock, so a concurrent close or edit waits until the batch commits; their rows come from a cache
     * checked against each row's {@code updated_at}), every member's standing, the attendance rows in one INSERT, the
     * points of those present in one award. Each check-in is judged by the same rules in the same order as alone. A
     * member checking in twice within the batch gets the first record; a row that already exists (committed by
     * another batch meanwhile) rolls the batch back, and each check-in then runs alone, where it finds that row.
     */
    private List<GroupCommit.Outcome<Recorded>> recordAll(List<CheckInItem> items) {
        AttendanceStore.BatchStandings read = store.lockMeetingsWithStandings(items.stream()
                .map(CheckInItem::meetingId).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                items.stream().map(i -> List.of(i.meetingId(), i.caller().memberId())).distinct().toList());
        Map<Long, Meeting> byId = current(read.versions());
        Map<List<Long>, CheckInViews.AttendanceView> standings = read.standings();
        List<GroupCommit.Outcome<Recorded>> outcomes = new ArrayList<>(items.size());
        Map<List<Long>, Integer> first = new HashMap<>();
        List<AttendanceStore.NewCheckIn> rows = new ArrayList<>();
        AttendanceStore.NewCheckIn[] rowOf = new AttendanceStore.NewCheckIn[items.size()];
        for (int i = 0; i < items.size(); i++) {
            CheckInItem item = items.get(i);
            List<Long> key = List.of(item.meetingId(), item.caller().memberId());
            try {
                Meeting meeting = byId.get(item.meetingId());
                if (meeting == null) {
                    throw ApiException.notFound("Meeting " + item.meetingId());
                }
                Integer earlier = first.get(key);
                if (earlier != null) { // a repeat within the batch: answered with the first one's record below
                    rowOf[i] = rowOf[earlier];
                    outcomes.add(null);
                    continue;
                }
                Judged judged = judge(item, meeting, standings.get(key));
                if (judged.row() == null) {
                    outcomes.add(GroupCommit.Outcome.ok(new Recorded(new Outcome(judged.standing(), false), null)));
                    continue;
                }
                first.put(key, i);
                rowOf[i] = judged.row();
                rows.add(judged.row());
                outcomes.add(null);
            } catch (ApiException refused) {
                outcomes.add(GroupCommit.Outcome.failed(refused));
            }
        }
        int inserted = store.insertAll(rows);
        if (inserted < rows.size()) {
            if (items.size() > 1) {
                throw new IllegalStateException("check-in rows raced: " + inserted + " of " + rows.size() + " inserted");
            }
            // Alone: the member's row was committed meanwhile (another request, another instance): answer with it.
            AttendanceStore.NewCheckIn row = rows.get(0);
            CheckInViews.AttendanceView standing = store.findLatest(row.meetingId(), row.memberId()).orElseThrow();
            return List.of(standing.status().attended() || standing.status() == AttendanceStatus.HELD
                    ? GroupCommit.Outcome.ok(new Recorded(new Outcome(standing, false), null))
                    : GroupCommit.Outcome.failed(closed(row.meetingId())));
        }
        List<PointsService.AwardRequest> awards = new ArrayList<>();
        List<AttendanceStore.NewCheckIn> awarded = new ArrayList<>();
        for (AttendanceStore.NewCheckIn row : rows) {
            if (row.status().attended()) {
                awards.add(new PointsService.AwardRequest(row.memberId(), PointsAction.CHECK_IN,
                        "meeting:" + row.meetingId(), settings.getPoints()));
                awarded.add(row);
            }
        }
        Map<AttendanceStore.NewCheckIn, PointsAward> pointsOf = new java.util.IdentityHashMap<>();
        PointsService.Awards granted = points.awardAll(awards);
        for (int i = 0; i < awarded.size(); i++) {
            pointsOf.put(awarded.get(i), granted.awards().get(i));
        }
        for (int i = 0; i < items.size(); i++) {
            if (outcomes.get(i) != null) {
                continue;
            }
            CheckInItem item = items.get(i);
            AttendanceStore.NewCheckIn row = rowOf[i];
            CheckInViews.AttendanceView before = standings.get(List.of(item.meetingId(), item.caller().memberId()));
            CheckInViews.AttendanceView view = new CheckInViews.AttendanceView(row.meetingId(), row.memberId(),
                    before.memberName(), row.status(), row.method(), Instant.ofEpochMilli(row.atMs()),
                    row.distanceM(), row.suspected(), row.markedBy(), row.reason(), before.leave());
            boolean firstOne = first.get(List.of(item.meetingId(), item.caller().memberId())) == i;
            outcomes.set(i, GroupCommit.Outcome.ok(new Recorded(new Outcome(view, firstOne),
                    granted.figuresFor(firstOne ? pointsOf.get(row) : null))));
        }
        return outcomes;
    }

    /** What the rules make of a check-in: the row to write, or (row null) the standing to answer with. */
    private record Judged(@Nullable AttendanceStore.NewCheckIn row, CheckInViews.@Nullable AttendanceView standing) {
    }

    /**
     * The rules of a check-in, in their order: expected at all (403), already checked in (answer with it), the
     * window open (409), not throttled (429), the code (422), the fence (422, or held for the secretary).
     */
    private Judged judge(CheckInItem item, Meeting meeting, CheckInViews.@Nullable AttendanceView standing) {
        Caller caller = item.caller();
        long memberId = caller.memberId();
        if (standing == null) {
            // Only expected members check in; whoever may not even see the meeting is told no more than that.
            boolean viewer = access.canViewBranch(caller, access.branch(meeting.branchId()));
            throw ApiException.forbidden(viewer ? "You are not expected at meeting " + meeting.id()
                    : "You may not see meeting " + meeting.id());
        }
        if (standing.status().attended() || standing.status() == AttendanceStatus.HELD) {
            return new Judged(null, standing);
        }
        Instant now = item.at();
        requireOpen(meeting, now);
        if (item.throttled() != null) {
            throw item.throttled();
        }
        CheckInViews.CheckInRequest request = item.request();
        if (!CheckInCodes.accepts(meeting.codeSecret(), now, request.code())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "WRONG_CODE",
                    "The code is wrong or has expired; scan the code on the screen again");
        }
        Integer distance = null;
        boolean suspected = false;
        if (meeting.hasGeofence()) {
            if (request.latitude() == null || request.longitude() == null) {
                throw ApiException.invalid(request.latitude() == null ? "latitude" : "longitude",
                        "this meeting needs the phone's location to check in");
            }
            distance = (int) Math.round(distanceM(meeting.latitude(), meeting.longitude(), request.latitude(),
                    request.longitude()));
            if (distance > meeting.radiusM()) {
                if (meeting.geofencePolicy() == GeofencePolicy.REFUSE) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "OUTSIDE_GEOFENCE",
                            "You are " + distance + " m from the meeting place; check in there");
                }
                suspected = true;
            }
        }
        // Outside the fence of a FLAG meeting: held for the secretary, no points until confirmed.
        AttendanceStatus status = suspected ? AttendanceStatus.HELD : arrival(meeting, now);
        return new Judged(new AttendanceStore.NewCheckIn(meeting.id(), memberId, status, "CODE", now.toEpochMilli(),
                request.latitude(), request.longitude(), distance, suspected, null, null), null);
    }

    /** After the batch's commit: the points on the boards, and each wrong code counted against its member. */
    private void afterCheckIns(List<CheckInItem> items, List<GroupCommit.Outcome<Recorded>> outcomes) {
        List<BoardFigures> figures = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            GroupCommit.Outcome<Recorded> o = outcomes.get(i);
            if (o.succeeded() && o.value().board() != null) {
                figures.add(o.value().board());
            } else if (o.error() instanceof ApiException refused && "WRONG_CODE".equals(refused.code())) {
                throttle.recordWrongCode(items.get(i).caller().memberId());
            }
        }
        points.afterCommit(figures);
    }

    /**
     * The batch's meetings as they stand under its lock: from the cache when the row's {@code updated_at} (set by
     * every edit, cancel and close) is the one cached, else read again. Unknown ids are left out.
     */
    private Map<Long, Meeting> current(Map<Long, Instant> versions) {
        Map<Long, Meeting> out = new HashMap<>();
        versions.forEach((id, updatedAt) -> {
            Meeting cached = meetingCache.getIfPresent(id);
            if (cached == null || !updatedAt.equals(cached.updatedAt())) {
                cached = meetings.find(id);
                meetingCache.put(id, cached);
            }
            out.put(id, cached);
        });
        return out;
    }

    /** The secretary marks an expected member present by hand, with the reason; also corrects an ABSENT. */
    public Outcome markPresent(Caller caller, Meeting meeting, long memberId, String reason) {
        requireOtherMember(caller, memberId);
        requireMarkingWindow(meeting);
        if (meeting.recordedAfterwards()) {
            throw ApiException.conflict("MEETING_RECORDED_AFTERWARDS", "Meeting " + meeting.id()
                    + " was recorded afterwards: its attendance was given then");
        }
        if (!meetings.isAttendee(meeting.id(), memberId)) {
            throw ApiException.notFound("Member " + memberId + " expected at meeting " + meeting.id());
        }
        if (meeting.status() == MeetingStatus.CANCELLED) {
            throw ApiException.conflict("MEETING_CANCELLED", "Meeting " + meeting.id() + " is cancelled");
        }
        Optional<CheckInViews.AttendanceView> existing = store.find(meeting.id(), memberId);
        if (existing.isPresent() && existing.get().status().attended()) {
            return new Outcome(existing.get(), false);
        }
        long now = meetings.now().toEpochMilli();
        if (existing.isPresent()) {
            store.correctToPresent(meeting.id(), memberId, now, caller.memberId(), reason.trim());
            award(meeting.id(), memberId);
            return new Outcome(store.find(meeting.id(), memberId).orElseThrow(), true);
        }
        return record(meeting, new AttendanceStore.NewCheckIn(meeting.id(), memberId, AttendanceStatus.PRESENT,
                "MANUAL", now, null, null, null, false, caller.memberId(), reason.trim()), null);
    }

    /** Writes the row and its points in one transaction; {@code before} (the standing read first) names the view. */
    private Outcome record(Meeting meeting, AttendanceStore.NewCheckIn row,
                                           CheckInViews.@Nullable AttendanceView before) {
        boolean inserted;
        try {
            inserted = transactions.executeWrite(status -> {
                if (!store.insert(row)) {
                    return false; // closed or cancelled meanwhile
                }
                if (row.status().attended()) {
                    award(row.meetingId(), row.memberId());
                }
                return true;
            });
        } catch (Sql.Duplicate raced) {
            CheckInViews.AttendanceView first = store.find(row.meetingId(), row.memberId()).orElseThrow();
            if (!first.status().attended()) {
                throw closed(meeting.id());
            }
            return new Outcome(first, false);
        }
        if (!inserted) {
            throw closed(meeting.id());
        }
        if (before == null) {
            return new Outcome(store.find(row.meetingId(), row.memberId()).orElseThrow(), true);
        }
        return new Outcome(new CheckInViews.AttendanceView(row.meetingId(), row.memberId(),
                before.memberName(), row.status(), row.method(), Instant.ofEpochMilli(row.atMs()), row.distanceM(),
                row.suspected(), row.markedBy(), row.reason(), before.leave()), true);
    }

    /** Nobody marks (or confirms) their own attendance: a secretary checks in with the code like everyone. */
    private static void requireOtherMember(Caller caller, long memberId) {
        if (caller.memberId() == memberId) {
            throw new ApiException(HttpStatus.FORBIDDEN, "SELF_MARKING",
                    "Nobody marks their own attendance; check in with the code");
        }
    }

    /** Attendance is marked or decided by hand only until {@code manual-marking-window} after the start. */
    private void requireMarkingWindow(Meeting meeting) {
        Instant until = meeting.startsAt().plus(settings.getManualMarkingWindow());
        if (meetings.now().isAfter(until)) {
            throw ApiException.conflict("MARKING_CLOSED", "Attendance of meeting " + meeting.id()
                    + " could be marked by hand until " + until + "; it is final now");
        }
    }

    private AttendanceStatus arrival(Meeting meeting, Instant at) {
        return at.isAfter(meeting.startsAt().plus(settings.getLateGrace())) ? AttendanceStatus.LATE
                : AttendanceStatus.PRESENT;
    }

    /**
     * The secretary confirms a HELD check-in (outside the fence): PRESENT or LATE by its time, and its points; or
     * refuses it with a reason (ABSENT). Recorded with who decided.
     */
    public CheckInViews.AttendanceView decideHeld(Caller caller, Meeting meeting, long memberId, boolean confirm,
                                                  @Nullable String reason) {
        requireOtherMember(caller, memberId);
        java.util.Optional<CheckInViews.AttendanceView> before = store.find(meeting.id(), memberId);
        if (before.isPresent() && alreadyDecided(before.get(), confirm)) {
            return before.get(); // a retry answers as the decision did
        }
        requireMarkingWindow(meeting);
        CheckInViews.AttendanceView row = before
                .filter(v -> v.status() == AttendanceStatus.HELD)
                .orElseThrow(() -> ApiException.conflict("NOT_HELD", "Member " + memberId
                        + " has no check-in held for review at meeting " + meeting.id()));
        AttendanceStatus outcome = confirm ? arrival(meeting, row.checkedInAt()) : AttendanceStatus.ABSENT;
        boolean decided = transactions.executeWrite(status -> {
            if (!store.decideHeld(meeting.id(), memberId, outcome, caller.memberId(), confirm ? null : reason.trim())) {
                return false;
            }
            if (confirm) {
                award(meeting.id(), memberId);
            }
            return true;
        });
        CheckInViews.AttendanceView after = store.find(meeting.id(), memberId).orElseThrow();
        if (!decided && !alreadyDecided(after, confirm)) {
            throw ApiException.conflict("NOT_HELD", "The check-in of member " + memberId + " was decided meanwhile");
        }
        return after;
    }

    /** A held check-in already confirmed (it counts) or refused (absent, with the reason). */
    private static boolean alreadyDecided(CheckInViews.AttendanceView row, boolean confirm) {
        if (row.markedBy() == null || row.checkedInAt() == null) {
            return false;
        }
        return confirm ? !"MANUAL".equals(row.method())
                && (row.status() == AttendanceStatus.PRESENT || row.status() == AttendanceStatus.LATE)
                : row.status() == AttendanceStatus.ABSENT && row.reason() != null;
    }

    private void award(long meetingId, long memberId) {
        points.award(memberId, PointsAction.CHECK_IN, "meeting:" + meetingId, settings.getPoints());
    }

    private void requireOpen(Meeting meeting, Instant now) {
        MeetingService.requireScheduled(meeting);
        if (now.isBefore(meetings.opensAt(meeting)) || now.isAfter(meetings.closesAt(meeting))) {
            throw ApiException.conflict("CHECK_IN_NOT_OPEN", "Check-in is open from "
                    + ShanghaiTime.minutes(meetings.opensAt(meeting)) + " to "
                    + ShanghaiTime.minutes(meetings.closesAt(meeting)) + " (Beijing time)")
                    .arg("from", ShanghaiTime.minutes(meetings.opensAt(meeting)))
                    .arg("to", ShanghaiTime.minutes(meetings.closesAt(meeting)));
        }
    }

    private static ApiException closed(long meetingId) {
        return ApiException.conflict("MEETING_CLOSED", "Meeting " + meetingId + " is no longer open for check-in");
    }

    /** Great-circle (haversine) distance in metres. */
    static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
