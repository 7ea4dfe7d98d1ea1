package app.vanguard.checkin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request and response bodies of the check-in feature. */
public final class CheckInViews {

    private CheckInViews() {
    }

    @Serdeable
    public record Geofence(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                           @NotNull @Min(10) @Max(100_000) Integer radiusM,
                           @Nullable GeofencePolicy policy) {
    }

    @Serdeable
    public record MeetingRequest(@NotNull MeetingType type,
                                 @Nullable Long groupId,
                                 @NotBlank @Size(max = 200) String topic,
                                 @Nullable @Size(max = 200) String place,
                                 @NotNull Instant startsAt,
                                 @NotNull Instant endsAt,
                                 @Nullable @Valid Geofence geofence,
                                 @Nullable @Size(max = 1000) List<Long> attendeeIds,
                                 @Nullable Boolean recordedAfterwards,
                                 @Nullable @Valid MinutesRequest minutes,
                                 @Nullable @Size(max = 1000) List<Long> presentIds) {

        /** Entered after it was held (补录): needs its minutes; only when scheduling. */
        public boolean afterwards() {
            return Boolean.TRUE.equals(recordedAfterwards);
        }
    }

    @Serdeable
    public record MyAttendance(AttendanceStatus status, @Nullable Instant checkedInAt, @Nullable LeaveStatus leave) {
    }

    @Serdeable
    public record MeetingView(long id, long branchId, @Nullable Long groupId, MeetingType type, String topic,
                              @Nullable String place, boolean online, Instant startsAt, Instant endsAt,
                              @Nullable Geofence geofence, boolean locationRequired,
                              MeetingStatus status, Instant checkInOpensAt, Instant checkInClosesAt,
                              Instant leaveCutoffAt, int expectedCount, @Nullable MyAttendance me,
                              boolean recordedAfterwards) {
    }

    @Serdeable
    public record CodeView(String code, Instant validUntil, String payload) {
    }

    @Serdeable
    public record CheckInRequest(@NotBlank @Pattern(regexp = "^[0-9]{6}$") String code,
                                 @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
                                 @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    @Serdeable
    public record ManualCheckInRequest(@NotBlank @Size(max = 200) String reason) {
    }

    /** An expected member's check-in record or outcome. */
    @Serdeable
    public record AttendanceView(long meetingId, long memberId, @Nullable String memberName, AttendanceStatus status,
                                 @Nullable String method, @Nullable Instant checkedInAt, @Nullable Integer distanceM,
                                 boolean suspected, @Nullable Long markedBy, @Nullable String reason,
                                 @Nullable LeaveStatus leave) {
    }

    @Serdeable
    public record AttendanceCounts(int expected, int present, int late, int onLeave, int absent, int notCheckedIn,
                                   int suspected, int held) {
    }

    @Serdeable
    public record AttendanceList(long meetingId, MeetingStatus meetingStatus, boolean online, AttendanceCounts counts,
                                 List<AttendanceView> items, boolean recordedAfterwards) {
    }

    @Serdeable
    public record RefuseRequest(@NotBlank @Size(max = 200) String reason) {
    }

    @Serdeable
    public record LeaveRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    public record LeaveView(long id, long meetingId, long memberId, @Nullable String memberName, String reason,
                            LeaveStatus status, Instant requestedAt, @Nullable Long decidedBy,
                            @Nullable Instant decidedAt) {
    }

    @Serdeable
    public record MinutesRequest(@Nullable @Size(max = 200) String topic,
                                 @NotBlank @Size(max = 20000) String content,
                                 @Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> speakers,
                                 @Nullable @Size(max = 50) List<@NotBlank @Size(max = 1000) String> resolutions) {
    }

    @Serdeable
    public record MinutesView(long meetingId, String topic, String content, @Nullable List<String> speakers,
                              @Nullable List<String> resolutions, long recordedBy, Instant recordedAt) {
    }

    /** One page of the activity record book: a held meeting, its attendance and its minutes. */
    @Serdeable
    public record RecordBookEntry(MeetingView meeting, AttendanceCounts attendance, @Nullable List<String> absentees,
                                  @Nullable MinutesView minutes, boolean held, boolean recordedAfterwards,
                                  @Nullable EvidenceViews.Evidence evidence) {
    }

    @Serdeable
    public record RecordBook(long branchId, int year, List<RecordBookEntry> entries) {
    }

    @Serdeable
    public record MyHistory(LocalDate from, LocalDate to, int meetings, int present, int late, int onLeave, int absent,
                            @Nullable Double attendanceRate, List<AttendanceView> items) {
    }

    @Serdeable
    public record MemberRate(long memberId, String memberName, int meetings, int present, int late, int onLeave,
                             int absent, @Nullable Double attendanceRate, int missedInRow) {
    }

    @Serdeable
    public record BranchRates(long branchId, LocalDate from, LocalDate to, int meetings, @Nullable Double attendanceRate,
                              List<MemberRate> members) {
    }

    @Serdeable
    public record PlanItem(@Min(1) @Max(12) int month, @NotNull MeetingType type,
                           @Nullable @Size(max = 200) String topic) {
    }

    @Serdeable
    public record PlanRequest(@NotNull @Size(max = 200) List<@Valid @NotNull PlanItem> items) {
    }

    @Serdeable
    public record PlanItemView(int month, MeetingType type, @Nullable String topic, boolean held,
                               @Nullable Long meetingId) {
    }

    @Serdeable
    public record PlanView(long branchId, int year, boolean filed, int planned, int held,
                           @Nullable Instant filedAt, @Nullable List<PlanItemView> items) {
    }

    @Serdeable
    public record Requirement(MeetingType type, MeetingType.Cadence cadence, int required, int held,
                              @Nullable List<String> missing, @Nullable List<DueSlot> due, int upcoming) {
    }

    /** A slot under way today (its month, quarter or year has not ended): not missing yet, due by its deadline. */
    @Serdeable
    public record DueSlot(String slot, LocalDate deadline) {
    }

    @Serdeable
    public record BranchCompliance(long branchId, String branchName, boolean compliant, int meetingsHeld,
                                   @Nullable Double attendanceRate, List<Requirement> requirements,
                                   @Nullable PlanSummary plan, int recordedAfterwards,
                                   @Nullable SecretaryLesson secretaryLesson) {
    }

    /**
     * The rule that the branch's secretary gives at least one Party lesson a year (书记讲党课), for a year's report:
     * GIVEN (a closed Party lesson of the year names a current secretary as lecturer), DUE (not yet, the year runs
     * on) or MISSING (the year has ended without one: the branch is not compliant).
     */
    @Serdeable
    public record SecretaryLesson(String state, int lessonsBySecretary, LocalDate dueBy) {
    }

    @Serdeable
    public record PlanSummary(int planned, int held) {
    }

    @Serdeable
    public record ComplianceReport(long orgId, String period, LocalDate from, LocalDate to, int branches,
                                   int compliantBranches, List<BranchCompliance> items) {
    }
}
