package app.vanguard.checkin;

import app.vanguard.auth.Caller;
import app.vanguard.shared.ApiException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
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
    private final JdbcOperations jdbc;

    public RecordBookService(MeetingService meetings, AttendanceService attendance, MeetingRepository meetingRepository,
                             JdbcOperations jdbc) {
        this.meetings = meetings;
        this.attendance = attendance;
        this.meetingRepository = meetingRepository;
        this.jdbc = jdbc;
    }

    /** Records (or replaces) the minutes of a closed meeting. */
    @Transactional
    public CheckInViews.MinutesView record(Caller caller, Meeting meeting, CheckInViews.MinutesRequest request) {
        if (meeting.status() != MeetingStatus.CLOSED) {
            throw ApiException.conflict("MEETING_NOT_CLOSED", "Minutes are recorded once the meeting is closed");
        }
        String topic = request.topic() == null || request.topic().isBlank() ? meeting.topic() : request.topic().trim();
        jdbc.prepareStatement("INSERT INTO meeting_minutes (meeting_id, topic, content, speakers, resolutions, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE topic = VALUES(topic), "
                + "content = VALUES(content), speakers = VALUES(speakers), resolutions = VALUES(resolutions), "
                + "recorded_by = VALUES(recorded_by), recorded_at = VALUES(recorded_at)", ps -> {
            ps.setLong(1, meeting.id());
            ps.setString(2, topic);
            ps.setString(3, request.content().trim());
            ps.setString(4, lines(request.speakers()));
            ps.setString(5, lines(request.resolutions()));
            ps.setLong(6, caller.memberId());
            ps.setTimestamp(7, Timestamp.from(meetings.now()));
            return ps.executeUpdate();
        });
        return minutes(meeting.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<CheckInViews.MinutesView> minutes(long meetingId) {
        return jdbc.prepareStatement("SELECT meeting_id, topic, content, speakers, resolutions, recorded_by, recorded_at "
                + "FROM meeting_minutes WHERE meeting_id = ?", ps -> {
            ps.setLong(1, meetingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CheckInViews.MinutesView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        split(rs.getString(4)), split(rs.getString(5)), rs.getLong(6), rs.getTimestamp(7).toInstant()));
            }
        });
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
            CheckInViews.AttendanceList list = attendance.list(m.id(), m.status());
            List<String> absentees = list.items().stream().filter(v -> v.status() == AttendanceStatus.ABSENT)
                    .map(CheckInViews.AttendanceView::memberName).toList();
            entries.add(new CheckInViews.RecordBookEntry(meetings.view(m, null), list.counts(), absentees,
                    minutes(m.id()).orElse(null)));
        }
        return new CheckInViews.RecordBook(branchId, year, entries);
    }

    private static String lines(List<String> items) {
        return items == null || items.isEmpty() ? null
                : String.join("\n", items.stream().map(s -> s.replace('\n', ' ').trim()).toList());
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? null : Arrays.asList(text.split("\n"));
    }
}
