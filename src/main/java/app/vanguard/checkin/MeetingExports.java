package app.vanguard.checkin;

import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.ShanghaiTime;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The tables a secretary downloads (CSV or .xlsx): a branch's attendance rates, its record book of a year, and one
 * meeting's attendance. Columns are named here once; the controller only picks the format. Times are Asia/Shanghai
 * local time (yyyy-MM-dd HH:mm:ss), as a secretary prints them.
 */
@Singleton
public class MeetingExports {

    private final AttendanceService attendance;
    private final RecordBookService recordBook;

    public MeetingExports(AttendanceService attendance, RecordBookService recordBook) {
        this.attendance = attendance;
        this.recordBook = recordBook;
    }

    /** Per member of the branch: meetings expected at, present, late, on leave, absent, rate and missed in a row. */
    public Exports branchRates(long branchId, LocalDate from, LocalDate to) {
        CheckInViews.BranchRates rates = attendance.branchRates(branchId, from, to, 0);
        List<List<Object>> rows = rates.members().stream().map(r -> List.<Object>of(r.memberId(), r.memberName(),
                r.meetings(), r.present(), r.late(), r.onLeave(), r.absent(),
                r.attendanceRate() == null ? "" : r.attendanceRate(), r.missedInRow())).toList();
        return new Exports("attendance", List.of("memberId", "name", "meetings", "present", "late",
                "onLeave", "absent", "attendanceRate", "missedInRow"), rows);
    }

    /** The record book (组织生活记录) of a year: one row a meeting with its attendance and minutes. */
    public Exports recordBook(long branchId, int year) {
        List<List<Object>> rows = recordBook.book(branchId, year).entries().stream().map(e -> {
            CheckInViews.MeetingView m = e.meeting();
            CheckInViews.MinutesView minutes = e.minutes();
            return List.<Object>of(m.id(), BusinessTime.dateOf(m.startsAt()).toString(), m.type().name(),
                    minutes != null ? minutes.topic() : m.topic(), m.place() == null ? "" : m.place(), m.online(),
                    e.attendance().expected(), e.attendance().present(), e.attendance().late(),
                    e.attendance().onLeave(), e.attendance().absent(),
                    e.absentees() == null ? "" : String.join("、", e.absentees()),
                    minutes == null ? "" : minutes.content(),
                    minutes == null || minutes.speakers() == null ? "" : String.join("\n", minutes.speakers()),
                    minutes == null || minutes.resolutions() == null ? "" : String.join("\n", minutes.resolutions()),
                    e.held(), e.recordedAfterwards(),
                    host(e.evidence()), recorder(e.evidence()), lecturer(e.evidence()), attachments(e.evidence()),
                    guests(e.evidence()));
        }).toList();
        return new Exports("record-book-" + year, List.of("meetingId", "date", "type", "topic", "place", "online",
                "expected", "present", "late", "onLeave", "absent", "absentees", "content", "speakers", "resolutions",
                "held", "recordedAfterwards", "host", "recorder", "lecturer", "attachments", "guests"), rows);
    }

    private static String host(EvidenceViews.Evidence e) {
        return e == null || e.roles() == null || e.roles().host() == null ? "" : e.roles().host().name();
    }

    private static String recorder(EvidenceViews.Evidence e) {
        return e == null || e.roles() == null || e.roles().recorder() == null ? "" : e.roles().recorder().name();
    }

    private static String lecturer(EvidenceViews.Evidence e) {
        if (e == null || e.roles() == null || e.roles().lecturer() == null) {
            return "";
        }
        EvidenceViews.Lecturer l = e.roles().lecturer();
        return l.outsideSpeaker() ? l.name() + "（" + l.title() + "）" : l.name();
    }

    /** File names, one a line. */
    private static String attachments(EvidenceViews.Evidence e) {
        return e == null ? "" : String.join("\n", e.attachments().stream().map(EvidenceViews.AttachmentView::fileName)
                .toList());
    }

    /** Guests (apart from the branch's own attendance): name, organisation, whether they came; one a line. */
    private static String guests(EvidenceViews.Evidence e) {
        return e == null ? "" : String.join("\n", e.guests().stream().map(g -> g.name()
                + (g.organisation() == null ? "" : "（" + g.organisation() + "）") + (g.attended() ? " 出席" : " 未到"))
                .toList());
    }

    /** One meeting's attendance, a row per expected member. */
    public Exports meetingAttendance(Meeting meeting) {
        boolean online = MeetingService.isOnline(meeting);
        List<List<Object>> rows = attendance.list(meeting).items().stream()
                .map(v -> Arrays.<Object>asList(v.memberId(), v.memberName(), v.status().name(), v.method(),
                        v.checkedInAt() == null ? null : ShanghaiTime.seconds(v.checkedInAt()), v.distanceM(),
                        v.suspected(), v.leave() == null ? null : v.leave().name(), v.markedBy(), v.reason(), online,
                        meeting.recordedAfterwards()))
                .toList();
        return new Exports("meeting-" + meeting.id(), List.of("memberId", "name", "status", "method",
                "checkedInAt", "distanceM", "suspected", "leave", "markedBy", "reason", "online", "recordedAfterwards"),
                rows);
    }
}
