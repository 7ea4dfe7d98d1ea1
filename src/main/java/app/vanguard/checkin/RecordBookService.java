package app.vanguard.checkin;

import app.vanguard.org.Caller;
import app.vanguard.shared.ApiException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The activity record book (党组织活动记录簿): each held meeting's minutes kept with its attendance. */
@Singleton
public class RecordBookService {

    private final MeetingService meetings;
    private final AttendanceService attendance;
    private final MeetingRepository meetingRepository;
    private final MeetingStore store;
    private final EvidenceService evidence;

    public RecordBookService(MeetingService meetings, AttendanceService attendance, MeetingRepository meetingRepository,
                             MeetingStore store, EvidenceService evidence) {
        this.evidence = evidence;
        this.meetings = meetings;
        this.attendance = attendance;
        this.meetingRepository = meetingRepository;
        this.store = store;
    }

    /** Records (or replaces) the minutes of a closed meeting. */
    @Transactional
    public CheckInViews.MinutesView record(Caller caller, Meeting meeting, CheckInViews.MinutesRequest request) {
        if (meeting.status() != MeetingStatus.CLOSED) {
            throw ApiException.conflict("MEETING_NOT_CLOSED", "Minutes are recorded once the meeting is closed");
        }
        String topic = request.topic() == null || request.topic().isBlank() ? meeting.topic() : request.topic().trim();
        store.saveMinutes(meeting.id(), topic, request.content().trim(), lines(request.speakers()),
                lines(request.resolutions()), caller.memberId(), meetings.now());
        return minutes(meeting.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<CheckInViews.MinutesView> minutes(long meetingId) {
        return store.minutes(meetingId);
    }

    /** The branch's closed meetings of the year, oldest first, with attendance and minutes. */
    @Transactional(readOnly = true)
    public CheckInViews.RecordBook book(long branchId, int year) {
        List<CheckInViews.RecordBookEntry> entries = new ArrayList<>();
        for (Meeting m : meetingRepository.findByBranchIdAndStartsAtGreaterThanEqualsAndStartsAtLessThanOrderByStartsAt(
                branchId, AttendanceService.startOf(LocalDate.of(year, 1, 1)),
                AttendanceService.startOf(LocalDate.of(year + 1, 1, 1)))) {
            if (m.status() != MeetingStatus.CLOSED) {
                continue;
            }
            CheckInViews.AttendanceList list = attendance.list(m);
            List<String> absentees = list.items().stream().filter(v -> v.status() == AttendanceStatus.ABSENT)
                    .map(CheckInViews.AttendanceView::memberName).toList();
            Optional<CheckInViews.MinutesView> minutes = minutes(m.id());
            boolean held = minutes.isPresent() || store.attendedByCode(m.id());
            entries.add(new CheckInViews.RecordBookEntry(meetings.view(m, null), list.counts(), absentees,
                    minutes.orElse(null), held, m.recordedAfterwards(), null));
        }
        // Meeting evidence (host, recorder, lecturer, attachments, guests): three statements for the whole year.
        java.util.Map<Long, EvidenceViews.Evidence> kept = evidence.evidence(entries.stream()
                .map(e -> e.meeting().id()).toList());
        entries.replaceAll(e -> new CheckInViews.RecordBookEntry(e.meeting(), e.attendance(), e.absentees(),
                e.minutes(), e.held(), e.recordedAfterwards(), kept.get(e.meeting().id())));
        return new CheckInViews.RecordBook(branchId, year, entries);
    }

    static String lines(List<String> items) {
        return items == null || items.isEmpty() ? null
                : String.join("\n", items.stream().map(s -> s.replace('\n', ' ').trim()).toList());
    }

}
