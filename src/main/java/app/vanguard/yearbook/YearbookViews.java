package app.vanguard.yearbook;

import app.vanguard.checkin.MeetingType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of study hours, a member's year and the committee's dashboard. Hours have 2 decimals. */
public final class YearbookViews {

    private YearbookViews() {
    }

    /** Attendance at one meeting type and the hours it earned. */
    @Serdeable
    public record MeetingHours(MeetingType type, int expected, int attended, int onLeave, BigDecimal hoursEach,
                               BigDecimal hours) {
    }

    @Serdeable
    public record MemberStudyHours(long memberId, String name, @Nullable Long branchId, String period, LocalDate from,
                                   LocalDate to, int articlesRead, long readingSeconds, BigDecimal readingHours,
                                   List<MeetingHours> meetings, BigDecimal meetingHours, BigDecimal totalHours) {
    }

    @Serdeable
    public record HoursFigures(int members, int articlesRead, BigDecimal readingHours, int meetingsAttended,
                               BigDecimal meetingHours, BigDecimal totalHours, BigDecimal averageHours) {
    }

    @Serdeable
    public record MemberHoursRow(long memberId, String name, int articlesRead, BigDecimal readingHours,
                                 int meetingsAttended, BigDecimal meetingHours, BigDecimal totalHours) {
    }

    @Serdeable
    public record BranchHours(long branchId, String branchName, HoursFigures figures,
                              @Nullable List<MemberHoursRow> members) {
    }

    @Serdeable
    public record StudyHoursReport(long orgId, String orgName, String period, LocalDate from, LocalDate to,
                                   HoursFigures total, List<BranchHours> branches) {
    }

    @Serdeable
    public record YearReading(int articlesRead, int daysDone, long readingSeconds, BigDecimal readingHours) {
    }

    @Serdeable
    public record YearAttendance(int expected, int attended, int onLeave, @Nullable Double attendanceRate) {
    }

    @Serdeable
    public record YearCommitment(long id, String content, String status, @Nullable String note,
                                 @Nullable String verdict, @Nullable String reviewComment) {
    }

    @Serdeable
    public record YearDues(@Nullable Long currentAmountFen, int monthsDue, int monthsPaid, long dueFen, long paidFen,
                           int monthsBehind, int consecutiveUnpaid, long owedFen, boolean flagged) {
    }

    @Serdeable
    public record PointsByAction(String action, long points) {
    }

    @Serdeable
    public record YearPoints(long total, List<PointsByAction> byAction) {
    }

    /** One member's year on record (the basis of 民主评议 and 评先评优). */
    @Serdeable
    public record MemberYear(long memberId, String name, @Nullable Long branchId, @Nullable String branchName, int year,
                             LocalDate from, LocalDate to, YearReading reading, YearAttendance attendance,
                             List<MeetingHours> meetings, BigDecimal meetingHours, BigDecimal totalHours,
                             List<YearCommitment> commitments, YearDues dues, YearPoints points) {
    }

    /** The measures of one unit (a child organisation or the whole subtree) over the dashboard's period. */
    @Serdeable
    public record DashboardFigures(int branches, int members,
                                   int meetingsHeld, int planned, int plannedHeld, @Nullable Double complianceRate,
                                   int attended, int attendanceCounted, @Nullable Double attendanceRate,
                                   int readingDaysDone, long readingDaysExpected, @Nullable Double readingCompletion,
                                   int articlesRead, BigDecimal studyHours, BigDecimal averageStudyHours,
                                   int contestParticipants, @Nullable Double contestParticipation,
                                   long declarationsReceived, long declarationsVerified,
                                   int duesMembersInArrears, long duesOwedFen, int duesFlagged,
                                   @Nullable Long enterprisesSurveyed, @Nullable Long enterprisesCovered,
                                   @Nullable Double coverageRate) {
    }

    @Serdeable
    public record DashboardUnit(long orgId, String name, String type, DashboardFigures figures) {
    }

    /** A bottom-ranked child on one measure. */
    @Serdeable
    public record Ranked(long orgId, String name, double value) {
    }

    @Serdeable
    public record Bottom(String measure, List<Ranked> children) {
    }

    @Serdeable
    public record Dashboard(long orgId, String orgName, LocalDate from, LocalDate to, DashboardFigures total,
                            List<DashboardUnit> children, List<Bottom> bottom) {
    }
}
