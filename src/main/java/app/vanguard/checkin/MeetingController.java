package app.vanguard.checkin;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.PageResponse;
import app.vanguard.shared.BusinessTime;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Study sessions (三会一课): scheduling, the rotating code, check-in, leave, closing, attendance, minutes and exports.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeetingController {

    private final AccessPolicy access;
    private final MeetingService meetings;
    private final CheckInService checkIns;
    private final AttendanceService attendance;
    private final RecordBookService recordBook;
    private final ComplianceService compliance;
    private final MeetingExports exports;
    private final java.time.Clock clock;
    @jakarta.inject.Inject app.vanguard.notification.NotificationService notifications;

    public MeetingController(AccessPolicy access, MeetingService meetings, CheckInService checkIns,
                             AttendanceService attendance, RecordBookService recordBook, ComplianceService compliance,
                             MeetingExports exports, java.time.Clock clock) {
        this.access = access;
        this.meetings = meetings;
        this.checkIns = checkIns;
        this.attendance = attendance;
        this.recordBook = recordBook;
        this.compliance = compliance;
        this.exports = exports;
        this.clock = clock;
    }

    // ---- a branch's meetings ----

    @Post("/branches/{branchId}/meetings")
    @Status(HttpStatus.CREATED)
    public CheckInViews.MeetingView schedule(Authentication authentication, long branchId,
                                             @Body @Valid CheckInViews.MeetingRequest body) {
        Caller caller = Caller.of(authentication);
        return meetings.schedule(caller, access.requireManageBranch(caller, branchId), body);
    }

    @Get("/branches/{branchId}/meetings{?from,to}")
    public List<CheckInViews.MeetingView> list(Authentication authentication, long branchId,
                                               @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        LocalDate today = BusinessTime.today(clock);
        LocalDate f = from != null ? from : today.minusDays(90);
        LocalDate t = to != null ? to : today.plusDays(90);
        checkRange(f, t);
        return meetings.listBranch(branchId, AttendanceService.startOf(f), AttendanceService.startOf(t.plusDays(1)));
    }

    @Get("/branches/{branchId}/attendance{?from,to,missedInRowAtLeast}")
    public CheckInViews.BranchRates rates(Authentication authentication, long branchId,
                                          @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                          @QueryValue(defaultValue = "0") @Min(0) @Max(1000) int missedInRowAtLeast) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        LocalDate[] range = yearToDate(from, to);
        return attendance.branchRates(branchId, range[0], range[1], missedInRowAtLeast);
    }

    @Get("/branches/{branchId}/attendance/export{?from,to,format}")
    public HttpResponse<byte[]> exportRates(Authentication authentication, long branchId,
                                            @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                            @QueryValue(defaultValue = "csv") String format) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        LocalDate[] range = yearToDate(from, to);
        Exports table = exports.branchRates(branchId, range[0], range[1]);
        return file(table, format, "attendance-" + branchId + "-" + range[0] + "-" + range[1]);
    }

    @Get("/branches/{branchId}/record-book{?year}")
    public CheckInViews.RecordBook recordBook(Authentication authentication, long branchId,
                                              @Nullable @QueryValue @Min(2000) @Max(2100) Integer year) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        return recordBook.book(branchId, year != null ? year : BusinessTime.today(clock).getYear());
    }

    @Get("/branches/{branchId}/record-book/export{?year,format}")
    public HttpResponse<byte[]> exportRecordBook(Authentication authentication, long branchId,
                                                 @Nullable @QueryValue @Min(2000) @Max(2100) Integer year,
                                                 @QueryValue(defaultValue = "csv") String format) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        int y = year != null ? year : BusinessTime.today(clock).getYear();
        Exports table = exports.recordBook(branchId, y);
        return file(table, format, "record-book-" + branchId + "-" + y);
    }

    @Put("/branches/{branchId}/meeting-plans/{year}")
    public CheckInViews.PlanView filePlan(Authentication authentication, long branchId, @Min(2000) @Max(2100) int year,
                                          @Body @Valid CheckInViews.PlanRequest body) {
        Caller caller = Caller.of(authentication);
        access.requireManageBranch(caller, branchId);
        return compliance.filePlan(caller, branchId, year, body);
    }

    @Get("/branches/{branchId}/meeting-plans/{year}")
    public CheckInViews.PlanView plan(Authentication authentication, long branchId, @Min(2000) @Max(2100) int year) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        return compliance.plan(branchId, year);
    }

    @Get("/orgs/{orgId}/compliance{?period}")
    public CheckInViews.ComplianceReport compliance(Authentication authentication, long orgId,
                                                    @Nullable @QueryValue String period) {
        return compliance.report(Caller.of(authentication), orgId,
                period != null ? period : Integer.toString(BusinessTime.today(clock).getYear()));
    }

    // ---- one meeting ----

    @Get("/meetings/{meetingId}")
    public CheckInViews.MeetingView get(Authentication authentication, long meetingId) {
        Caller caller = Caller.of(authentication);
        Meeting meeting = meetings.require(caller, meetingId, MeetingService.Need.SEE);
        return meetings.view(meeting, caller.memberId(), meetings.canViewBranch(caller, meeting));
    }

    @Put("/meetings/{meetingId}")
    public CheckInViews.MeetingView update(Authentication authentication, long meetingId,
                                           @Body @Valid CheckInViews.MeetingRequest body) {
        return meetings.update(meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE), body);
    }

    @Post("/meetings/{meetingId}/cancel")
    public CheckInViews.MeetingView cancel(Authentication authentication, long meetingId) {
        return meetings.cancel(meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE));
    }

    @Post("/meetings/{meetingId}/close")
    public CheckInViews.AttendanceList close(Authentication authentication, long meetingId) {
        return attendance.close(meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE));
    }

    /** Figures for the secretary: who was told about the meeting and when, who read it. */
    @Get("/meetings/{meetingId}/notifications")
    public app.vanguard.notification.NotificationViews.MeetingNoticeFigures noticeFigures(Authentication authentication,
                                                                                        long meetingId) {
        meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.VIEW_BRANCH);
        return notifications.meetingFigures(meetingId);
    }

    @Get("/meetings/{meetingId}/code")
    public CheckInViews.CodeView code(Authentication authentication, long meetingId) {
        return checkIns.currentCode(meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE));
    }

    @Get(value = "/meetings/{meetingId}/code/qr{?size}", produces = MediaType.IMAGE_PNG)
    public HttpResponse<byte[]> qr(Authentication authentication, long meetingId,
                                   @QueryValue(defaultValue = "400") @Min(100) @Max(1200) int size) {
        Meeting meeting = meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE);
        return HttpResponse.ok(checkIns.qrPng(meeting, size)).contentType(MediaType.IMAGE_PNG_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/meetings/{meetingId}/check-in")
    public CompletableFuture<HttpResponse<CheckInViews.AttendanceView>> checkIn(Authentication authentication,
            long meetingId, @Body @Valid CheckInViews.CheckInRequest body) {
        // Answered when the group commit holding the check-in has committed; no thread waits meanwhile.
        return checkIns.checkIn(Caller.of(authentication), meetingId, body).thenApply(outcome ->
                HttpResponse.<CheckInViews.AttendanceView>status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(outcome.record()));
    }

    @Post("/meetings/{meetingId}/attendance/{memberId}/mark-present")
    public HttpResponse<CheckInViews.AttendanceView> markPresent(Authentication authentication, long meetingId,
                                                                 long memberId,
                                                                 @Body @Valid CheckInViews.ManualCheckInRequest body) {
        Caller caller = Caller.of(authentication);
        Meeting meeting = meetings.require(caller, meetingId, MeetingService.Need.MANAGE);
        CheckInService.Outcome outcome = checkIns.markPresent(caller, meeting, memberId, body.reason());
        return HttpResponse.<CheckInViews.AttendanceView>status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.record());
    }

    /** The secretary confirms a check-in held for review (outside the fence): it counts, with its points. */
    @Post("/meetings/{meetingId}/attendance/{memberId}/confirm")
    public CheckInViews.AttendanceView confirmHeld(Authentication authentication, long meetingId, long memberId) {
        Caller caller = Caller.of(authentication);
        Meeting meeting = meetings.require(caller, meetingId, MeetingService.Need.MANAGE);
        return checkIns.decideHeld(caller, meeting, memberId, true, null);
    }

    /** The secretary refuses a check-in held for review, with the reason: the member is absent. */
    @Post("/meetings/{meetingId}/attendance/{memberId}/refuse")
    public CheckInViews.AttendanceView refuseHeld(Authentication authentication, long meetingId, long memberId,
                                                  @Body @Valid CheckInViews.RefuseRequest body) {
        Caller caller = Caller.of(authentication);
        Meeting meeting = meetings.require(caller, meetingId, MeetingService.Need.MANAGE);
        return checkIns.decideHeld(caller, meeting, memberId, false, body.reason());
    }

    @Get("/meetings/{meetingId}/attendance")
    public CheckInViews.AttendanceList attendance(Authentication authentication, long meetingId) {
        Meeting meeting = meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.VIEW_BRANCH);
        return attendance.list(meeting);
    }

    @Get("/meetings/{meetingId}/attendance/export{?format}")
    public HttpResponse<byte[]> exportAttendance(Authentication authentication, long meetingId,
                                                 @QueryValue(defaultValue = "csv") String format) {
        Meeting meeting = meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.VIEW_BRANCH);
        Exports table = exports.meetingAttendance(meeting);
        return file(table, format, "meeting-" + meetingId + "-attendance");
    }

    @Post("/meetings/{meetingId}/leave")
    @Status(HttpStatus.CREATED)
    public CheckInViews.LeaveView requestLeave(Authentication authentication, long meetingId,
                                               @Body @Valid CheckInViews.LeaveRequest body) {
        Caller caller = Caller.of(authentication);
        return attendance.requestLeave(caller, meetings.require(caller, meetingId, MeetingService.Need.SEE),
                body.reason());
    }

    @Get("/meetings/{meetingId}/leave")
    public List<CheckInViews.LeaveView> leaves(Authentication authentication, long meetingId) {
        meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.VIEW_BRANCH);
        return attendance.leaves(meetingId, null);
    }

    @Post("/meetings/{meetingId}/leave/{leaveId}/approve")
    public CheckInViews.LeaveView approve(Authentication authentication, long meetingId, long leaveId) {
        Caller caller = Caller.of(authentication);
        return attendance.decide(caller, meetings.require(caller, meetingId, MeetingService.Need.MANAGE), leaveId, true);
    }

    @Post("/meetings/{meetingId}/leave/{leaveId}/reject")
    public CheckInViews.LeaveView reject(Authentication authentication, long meetingId, long leaveId) {
        Caller caller = Caller.of(authentication);
        return attendance.decide(caller, meetings.require(caller, meetingId, MeetingService.Need.MANAGE), leaveId, false);
    }

    @Put("/meetings/{meetingId}/minutes")
    public CheckInViews.MinutesView recordMinutes(Authentication authentication, long meetingId,
                                                  @Body @Valid CheckInViews.MinutesRequest body) {
        Caller caller = Caller.of(authentication);
        return recordBook.record(caller, meetings.require(caller, meetingId, MeetingService.Need.MANAGE), body);
    }

    @Get("/meetings/{meetingId}/minutes")
    public CheckInViews.MinutesView minutes(Authentication authentication, long meetingId) {
        meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.SEE);
        return recordBook.minutes(meetingId).orElseThrow(() -> ApiException.notFound("Minutes of meeting " + meetingId));
    }

    // ---- the signed-in member ----

    @Get("/me/meetings{?when,page,size}")
    public PageResponse<CheckInViews.MeetingView> myMeetings(Authentication authentication,
                                                             @QueryValue(defaultValue = "upcoming") String when,
                                                             @QueryValue(defaultValue = "0") @Min(0) int page,
                                                             @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return switch (when) {
            case "upcoming" -> meetings.mine(Caller.of(authentication).memberId(), true, page, size);
            case "past" -> meetings.mine(Caller.of(authentication).memberId(), false, page, size);
            default -> throw ApiException.invalid("when", "must be upcoming or past");
        };
    }

    @Get("/me/attendance{?from,to}")
    public CheckInViews.MyHistory myAttendance(Authentication authentication, @Nullable @QueryValue LocalDate from,
                                               @Nullable @QueryValue LocalDate to) {
        LocalDate[] range = yearToDate(from, to);
        return attendance.history(Caller.of(authentication).memberId(), range[0], range[1]);
    }

    // ---- helpers ----

    /** Default period: this calendar year (Asia/Shanghai) to today. */
    private LocalDate[] yearToDate(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate today = BusinessTime.today(clock);
        LocalDate t = to != null ? to : today;
        LocalDate f = from != null ? from : LocalDate.of(t.getYear(), 1, 1);
        checkRange(f, t);
        return new LocalDate[]{f, t};
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        if (from.plusYears(10).isBefore(to)) {
            throw ApiException.invalid("to", "at most 10 years after from");
        }
    }

    private static HttpResponse<byte[]> file(Exports table, String format, String name) {
        boolean xlsx = switch (format) {
            case "csv" -> false;
            case "xlsx" -> true;
            default -> throw ApiException.invalid("format", "must be csv or xlsx");
        };
        return HttpResponse.ok(xlsx ? table.xlsx() : table.csv())
                .contentType(xlsx ? Exports.XLSX : Exports.CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"");
    }
}
