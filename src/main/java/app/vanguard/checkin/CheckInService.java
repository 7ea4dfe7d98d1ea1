package app.vanguard.checkin;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsAward;
import app.vanguard.shared.GroupCommit;
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
import java.util.Set;
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
        this.checkInBatches = groupCommit.batcher("check-in", this::recordAll,
                (items, outcomes) -> points.afterCommit(outcomes.stream().filter(GroupCommit.Outcome::succeeded)
                        .map(o -> o.value().award()).filter(java.util.Objects::nonNull).toList()));
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
     * meeting's opening minutes (bench/): the meeting and the member's standing are read here; the attendance row and
     * its points are written by a group commit, with other members' check-ins, both or neither, and the future
     * completes once they are committed.
     */
    public CompletableFuture<Outcome> checkIn(Caller caller, long meetingId, CheckInViews.CheckInRequest request) {
        Meeting meeting = meetings.find(meetingId);
        long memberId = caller.memberId();
        Optional<CheckInViews.AttendanceView> standing = store.expected(meetingId, memberId);
        if (standing.isEmpty()) {
            // Only expected members check in; whoever may not even see the meeting is told no more than that.
            boolean viewer = access.canViewBranch(caller, access.branch(meeting.branchId()));
            throw ApiException.forbidden(viewer ? "You are not expected at meeting " + meetingId
                    : "You may not see meeting " + meetingId);
        }
        CheckInViews.AttendanceView existing = standing.get();
        if (existing.status().attended() || existing.status() == AttendanceStatus.HELD) {
            return CompletableFuture.completedFuture(new Outcome(existing, false));
        }
        Instant now = meetings.now();
        requireOpen(meeting, now);
        throttle.check(memberId);
        if (!CheckInCodes.accepts(meeting.codeSecret(), now, request.code())) {
            throttle.recordWrongCode(memberId);
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
        AttendanceStore.NewCheckIn row = new AttendanceStore.NewCheckIn(meetingId, memberId, status, "CODE",
                now.toEpochMilli(), request.latitude(), request.longitude(), distance, suspected, null, null);
        return checkInBatches.submit(new CheckInItem(row, existing)).thenApply(Recorded::outcome);
    }

    /** A member's check-in waiting for its batch: the row to write and their standing read before. */
    private record CheckInItem(AttendanceStore.NewCheckIn row, CheckInViews.AttendanceView before) {
    }

    /** A check-in's outcome and its points (null when it earned none now). */
    private record Recorded(Outcome outcome, @Nullable PointsAward award) {
    }

    /**
     * A batch of check-ins in the group commit's transaction, in a constant number of statements: the meetings
     * still open (read with a shared lock, so a concurrent close waits), the attendance rows in one INSERT, the
     * points of those present in one award. A member checking in twice within the batch gets the first record;
     * a row that already exists (a check-in committed by another batch meanwhile) rolls the batch back, and each
     * check-in then runs alone, where it finds that row.
     */
    private List<GroupCommit.Outcome<Recorded>> recordAll(List<CheckInItem> items) {
        Set<Long> open = store.lockOpenMeetings(items.stream().map(i -> i.row().meetingId()).collect(
                java.util.stream.Collectors.toSet()));
        Map<List<Long>, Integer> first = new HashMap<>();
        List<AttendanceStore.NewCheckIn> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            AttendanceStore.NewCheckIn row = items.get(i).row();
            if (open.contains(row.meetingId()) && first.putIfAbsent(List.of(row.meetingId(), row.memberId()), i) == null) {
                rows.add(row);
            }
        }
        int inserted = store.insertAll(rows);
        if (inserted < rows.size()) {
            if (items.size() > 1) {
                throw new IllegalStateException("check-in rows raced: " + inserted + " of " + rows.size() + " inserted");
            }
            // Alone: the member's row was committed meanwhile (another request, another instance): answer with it.
            AttendanceStore.NewCheckIn row = rows.get(0);
            CheckInViews.AttendanceView standing = store.find(row.meetingId(), row.memberId()).orElseThrow();
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
        Map<AttendanceStore.NewCheckIn, PointsAward> pointsOf = new HashMap<>();
        List<PointsAward> granted = points.awardAll(awards);
        for (int i = 0; i < awarded.size(); i++) {
            pointsOf.put(awarded.get(i), granted.get(i));
        }
        List<GroupCommit.Outcome<Recorded>> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            CheckInItem item = items.get(i);
            AttendanceStore.NewCheckIn row = item.row();
            if (!open.contains(row.meetingId())) {
                outcomes.add(GroupCommit.Outcome.failed(closed(row.meetingId())));
                continue;
            }
            int firstIndex = first.get(List.of(row.meetingId(), row.memberId()));
            AttendanceStore.NewCheckIn written = items.get(firstIndex).row();
            CheckInViews.AttendanceView view = new CheckInViews.AttendanceView(written.meetingId(), written.memberId(),
                    item.before().memberName(), written.status(), written.method(), Instant.ofEpochMilli(written.atMs()),
                    written.distanceM(), written.suspected(), written.markedBy(), written.reason(), item.before().leave());
            outcomes.add(GroupCommit.Outcome.ok(firstIndex == i
                    ? new Recorded(new Outcome(view, true), pointsOf.get(written))
                    : new Recorded(new Outcome(view, false), null)));
        }
        return outcomes;
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
