package app.vanguard.checkin;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scheduling, changing and cancelling meetings; who may see or run a meeting; the meeting as members see it. */
@Singleton
public class MeetingService {

    /** What the caller wants to do with a meeting. */
    public enum Need {
        /** See it: an expected attendee, or whoever may view the branch. */
        SEE,
        /** See its attendance, leave and minutes: whoever may view the branch. */
        VIEW_BRANCH,
        /** Run it: whoever may manage the branch. */
        MANAGE
    }

    private final MeetingRepository meetings;
    private final OrganisationRepository organisations;
    private final AccessPolicy access;
    private final MeetingStore store;
    private final MemberStore members;
    private final CheckInSettings settings;
    private final AttendanceStore attendance;
    private final Clock clock;
    @jakarta.inject.Inject app.vanguard.notification.Notifier notifier; // 通知: one-line hooks below

    public MeetingService(MeetingRepository meetings, OrganisationRepository organisations, AccessPolicy access,
                          MeetingStore store, MemberStore members, CheckInSettings settings,
                          AttendanceStore attendance, Clock clock) {
        this.attendance = attendance;
        this.meetings = meetings;
        this.organisations = organisations;
        this.access = access;
        this.store = store;
        this.members = members;
        this.settings = settings;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The meeting, whoever asks (one statement, no transaction): 404 if unknown. Callers check access. */
    Meeting find(long meetingId) {
        return meetings.findById(meetingId).orElseThrow(() -> ApiException.notFound("Meeting " + meetingId));
    }

    /** The meeting if the caller may do what they need with it: 404 if unknown, 403 if not theirs. */
    @Transactional(readOnly = true)
    public Meeting require(Caller caller, long meetingId, Need need) {
        Meeting meeting = find(meetingId);
        Organisation branch = access.branch(meeting.branchId());
        boolean allowed = switch (need) {
            case MANAGE -> access.canManageBranch(caller, branch);
            case VIEW_BRANCH -> access.canViewBranch(caller, branch);
            case SEE -> access.canViewBranch(caller, branch) || isAttendee(meetingId, caller.memberId());
        };
        if (!allowed) {
            throw ApiException.forbidden("You may not " + (need == Need.MANAGE ? "run" : "see") + " meeting " + meetingId);
        }
        return meeting;
    }

    @Transactional(readOnly = true)
    public boolean isAttendee(long meetingId, long memberId) {
        return store.isAttendee(meetingId, memberId);
    }

    @Transactional
    public CheckInViews.MeetingView schedule(Caller caller, Organisation branch, CheckInViews.MeetingRequest request) {
        validate(branch, request);
        Instant now = now();
        if (request.afterwards()) {
            return recordAfterwards(caller, branch, request, now);
        }
        if (request.minutes() != null || request.presentIds() != null) {
            throw ApiException.invalid(request.minutes() != null ? "minutes" : "presentIds",
                    "only a meeting recorded afterwards (recordedAfterwards: true) comes with minutes and attendance");
        }
        requireNotLongPast(request, now);
        CheckInViews.Geofence fence = request.geofence();
        Meeting meeting = meetings.save(new Meeting(null, branch.id(), request.groupId(), request.type(),
                request.topic().trim(), blankToNull(request.place()), millis(request.startsAt()), millis(request.endsAt()),
                fence == null ? null : fence.latitude(), fence == null ? null : fence.longitude(),
                fence == null ? null : fence.radiusM(), policyOf(fence), MeetingStatus.SCHEDULED,
                CheckInCodes.newSecret(), caller.memberId(), now, now, null, false));
        List<Long> attendees = expectedAttendees(branch, request);
        store.insertAttendees(meeting.id(), attendees);
        notifier.notify(attendees, app.vanguard.notification.NotificationKind.MEETING_SCHEDULED, meeting.id(), "", "topic", meeting.topic(), "startsAt", meeting.startsAt(), "place", meeting.place());
        return view(meeting, null);
    }

    /**
     * A start more than {@code past-scheduling-limit} (24 h) ago is refused: a meeting held earlier is entered as
     * recorded afterwards, with its minutes, and labelled so.
     */
    private void requireNotLongPast(CheckInViews.MeetingRequest request, Instant now) {
        Instant earliest = now.minus(settings.getPastSchedulingLimit());
        if (request.startsAt().isBefore(earliest)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "MEETING_IN_PAST", "A meeting may start at most "
                    + settings.getPastSchedulingLimit().toHours() + " h in the past; enter a meeting held earlier as "
                    + "recorded afterwards (recordedAfterwards: true) with its minutes")
                    .arg("hours", settings.getPastSchedulingLimit().toHours());
        }
    }

    /**
     * A meeting entered after it was held (补录): it must have ended, comes with its minutes and with who was present
     * ({@code presentIds}, marked by hand by the caller, never the caller themselves); everyone else expected is
     * ABSENT. It is closed at once, earns no points, sends no notices, and is labelled {@code recordedAfterwards}
     * in the meeting, its attendance, the record book and compliance. Its minutes make it count as held.
     */
    private CheckInViews.MeetingView recordAfterwards(Caller caller, Organisation branch,
                                                     CheckInViews.MeetingRequest request, Instant now) {
        if (request.endsAt().isAfter(now)) {
            throw ApiException.invalid("endsAt", "a meeting recorded afterwards has already ended");
        }
        if (request.minutes() == null) {
            throw ApiException.invalid("minutes", "a meeting recorded afterwards needs its minutes");
        }
        List<Long> attendees = expectedAttendees(branch, request);
        List<Long> present = request.presentIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.presentIds()));
        if (!new HashSet<>(attendees).containsAll(present)) {
            throw ApiException.invalid("presentIds", "every member present must be one of the expected attendees");
        }
        if (present.contains(caller.memberId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "SELF_MARKING",
                    "Nobody marks their own attendance; another secretary or an administrator records you");
        }
        Meeting meeting = meetings.save(new Meeting(null, branch.id(), request.groupId(), request.type(),
                request.topic().trim(), blankToNull(request.place()), millis(request.startsAt()), millis(request.endsAt()),
                null, null, null, GeofencePolicy.REFUSE, MeetingStatus.SCHEDULED, CheckInCodes.newSecret(),
                caller.memberId(), now, now, null, true));
        store.insertAttendees(meeting.id(), attendees);
        long at = meeting.startsAt().toEpochMilli();
        for (Long memberId : present) {
            attendance.insert(new AttendanceStore.NewCheckIn(meeting.id(), memberId, AttendanceStatus.PRESENT,
                    "RECORDED", at, null, null, null, false, caller.memberId(), "会后补录"));
        }
        attendance.markMissing(meeting.id(), now.toEpochMilli());
        store.markClosed(meeting.id(), now);
        CheckInViews.MinutesRequest minutes = request.minutes();
        store.saveMinutes(meeting.id(), minutes.topic() == null || minutes.topic().isBlank() ? meeting.topic()
                        : minutes.topic().trim(), minutes.content().trim(), RecordBookService.lines(minutes.speakers()),
                RecordBookService.lines(minutes.resolutions()), caller.memberId(), now);
        return view(find(meeting.id()), null);
    }

    /** Changes the meeting's details; the expected attendees stay as scheduled. */
    @Transactional
    public CheckInViews.MeetingView update(Meeting existing, CheckInViews.MeetingRequest request) {
        requireScheduled(existing);
        Organisation branch = access.branch(existing.branchId());
        validate(branch, request);
        if (request.afterwards() || request.minutes() != null || request.presentIds() != null) {
            throw ApiException.invalid("recordedAfterwards", "only a new meeting can be recorded afterwards");
        }
        requireNotLongPast(request, now());
        if (request.type() != existing.type() || !java.util.Objects.equals(request.groupId(), existing.groupId())) {
            throw ApiException.invalid("type", "type and groupId cannot change once scheduled; cancel and schedule anew");
        }
        CheckInViews.Geofence fence = request.geofence();
        Meeting updated = meetings.update(new Meeting(existing.id(), existing.branchId(), existing.groupId(),
                existing.type(), request.topic().trim(), blankToNull(request.place()), millis(request.startsAt()),
                millis(request.endsAt()), fence == null ? null : fence.latitude(),
                fence == null ? null : fence.longitude(), fence == null ? null : fence.radiusM(), policyOf(fence),
                existing.status(), existing.codeSecret(), existing.createdBy(), existing.createdAt(), now(), null,
                existing.recordedAfterwards()));
        notifier.notifyThoseTold(app.vanguard.notification.NotificationKind.MEETING_SCHEDULED, app.vanguard.notification.NotificationKind.MEETING_CHANGED, updated.id(), String.valueOf(updated.updatedAt().toEpochMilli()), "topic", updated.topic(), "startsAt", updated.startsAt(), "place", updated.place());
        return view(updated, null);
    }

    @Transactional
    public CheckInViews.MeetingView cancel(Meeting existing) {
        if (existing.status() == MeetingStatus.CANCELLED) {
            return view(existing, null); // a retry answers as the cancelling did
        }
        requireScheduled(existing);
        meetings.updateStatusAndUpdatedAt(existing.id(), MeetingStatus.CANCELLED, now());
        notifier.notifyThoseTold(app.vanguard.notification.NotificationKind.MEETING_SCHEDULED, app.vanguard.notification.NotificationKind.MEETING_CANCELLED, existing.id(), "", "topic", existing.topic(), "startsAt", existing.startsAt());
        return view(meetings.findById(existing.id()).orElseThrow(), null);
    }

    static void requireScheduled(Meeting meeting) {
        if (meeting.status() != MeetingStatus.SCHEDULED) {
            throw ApiException.conflict("MEETING_" + meeting.status().name(), "Meeting " + meeting.id() + " is "
                    + meeting.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Transactional(readOnly = true)
    public List<CheckInViews.MeetingView> listBranch(long branchId, Instant from, Instant to) {
        return meetings.findByBranchIdAndStartsAtGreaterThanEqualsAndStartsAtLessThanOrderByStartsAt(branchId, from, to)
                .stream().map(m -> view(m, null)).toList();
    }

    /**
     * The member's meetings, one page: upcoming (not yet over, or check-in still open; up to a year ahead; oldest
     * first) or past (over and check-in closed; up to ten years back; newest first).
     */
    @Transactional(readOnly = true)
    public PageResponse<CheckInViews.MeetingView> mine(long memberId, boolean upcoming, int page, int size) {
        Instant now = now();
        Instant from = upcoming ? now.minus(Duration.ofDays(1)) : now.minus(Duration.ofDays(3660));
        Instant to = upcoming ? now.plus(Duration.ofDays(366)) : now;
        Instant closedBefore = now.minus(settings.getClosesAfter());
        List<CheckInViews.MeetingView> views = new ArrayList<>();
        for (Long id : store.meetingIdsOf(memberId, from, to, now, closedBefore, upcoming, size,
                PageResponse.offset(page, size))) {
            views.add(view(meetings.findById(id).orElseThrow(), memberId, false));
        }
        return new PageResponse<>(views, page, size,
                store.countMeetingsOf(memberId, from, to, now, closedBefore, upcoming));
    }

    /** The meeting as a client sees it; with {@code forMember}, that member's own attendance and leave. */
    /** As a branch viewer sees it (fence included). */
    @Transactional(readOnly = true)
    public CheckInViews.MeetingView view(Meeting m, @Nullable Long forMember) {
        return view(m, forMember, true);
    }

    /**
     * The meeting as a client sees it; with {@code forMember}, that member's own attendance and leave. The fence's
     * centre and radius go only to those who may view the branch ({@code showFence}): an attendee learns only that
     * the phone's location is required.
     */
    @Transactional(readOnly = true)
    public CheckInViews.MeetingView view(Meeting m, @Nullable Long forMember, boolean showFence) {
        int expected = store.expectedCount(m.id());
        CheckInViews.MyAttendance mine = null;
        if (forMember != null && isAttendee(m.id(), forMember)) {
            mine = store.myAttendance(m.id(), forMember);
        }
        CheckInViews.Geofence fence = m.hasGeofence() && showFence
                ? new CheckInViews.Geofence(m.latitude(), m.longitude(), m.radiusM(), m.geofencePolicy()) : null;
        return new CheckInViews.MeetingView(m.id(), m.branchId(), m.groupId(), m.type(), m.topic(), m.place(),
                isOnline(m), m.startsAt(), m.endsAt(), fence, m.hasGeofence(), m.status(), opensAt(m), closesAt(m),
                leaveCutoffAt(m), expected, mine, m.recordedAfterwards());
    }

    /** An online meeting (线上): no place and no fence, so attendance there was not proven in a room. */
    static boolean isOnline(Meeting m) {
        return m.place() == null && !m.hasGeofence();
    }

    /** Whether the caller may view the meeting's branch (and so its fence). */
    @Transactional(readOnly = true)
    public boolean canViewBranch(Caller caller, Meeting m) {
        return access.canViewBranch(caller, access.branch(m.branchId()));
    }

    Instant opensAt(Meeting m) {
        return m.startsAt().minus(settings.getOpensBefore());
    }

    Instant closesAt(Meeting m) {
        return m.startsAt().plus(settings.getClosesAfter());
    }

    Instant leaveCutoffAt(Meeting m) {
        return m.startsAt().minus(settings.getLeaveCutoff());
    }

    private void validate(Organisation branch, CheckInViews.MeetingRequest request) {
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw ApiException.invalid("endsAt", "must be after startsAt");
        }
        if (request.groupId() != null) {
            Organisation group = organisations.findById(request.groupId()).orElse(null);
            if (group == null || group.type() != OrgType.GROUP || !branch.id().equals(group.parentId())) {
                throw ApiException.invalid("groupId", "no such group in this branch");
            }
        } else if (request.type() == MeetingType.GROUP_MEETING) {
            throw ApiException.invalid("groupId", "a group meeting needs the group");
        }
    }

    private List<Long> expectedAttendees(Organisation branch, CheckInViews.MeetingRequest request) {
        List<Long> found;
        if (request.attendeeIds() != null && !request.attendeeIds().isEmpty()) {
            Set<Long> wanted = new LinkedHashSet<>(request.attendeeIds());
            Set<Long> inBranch = new HashSet<>(members.enabledIdsInBranch(branch.id()));
            if (!inBranch.containsAll(wanted)) {
                throw ApiException.invalid("attendeeIds", "every attendee must be an enabled member of this branch");
            }
            found = List.copyOf(wanted);
        } else if (request.type() == MeetingType.BRANCH_COMMITTEE_MEETING) {
            found = members.enabledCommitteeIds(branch.id());
        } else if (request.groupId() != null) {
            found = members.enabledIdsInGroup(request.groupId());
        } else {
            found = members.enabledIdsInBranch(branch.id());
        }
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "NO_ATTENDEES",
                    "Nobody would be expected at this meeting");
        }
        return found;
    }

    private static GeofencePolicy policyOf(@Nullable CheckInViews.Geofence fence) {
        // A meeting with a place is attended there: outside the fence is refused unless the secretary asks to flag.
        return fence == null || fence.policy() == null ? GeofencePolicy.REFUSE : fence.policy();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
