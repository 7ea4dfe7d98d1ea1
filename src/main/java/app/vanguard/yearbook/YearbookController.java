package app.vanguard.yearbook;

import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Workbook;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.MonthPeriod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;
import java.time.LocalDate;

/** Study hours (学时) of a member and of an organisation's subtree. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class YearbookController {

    private final YearbookAccess access;
    private final StudyHoursReports studyHours;
    private final MemberYearService years;
    private final DashboardService dashboards;
    private final Clock clock;

    public YearbookController(YearbookAccess access, StudyHoursReports studyHours, MemberYearService years,
                              DashboardService dashboards, Clock clock) {
        this.access = access;
        this.dashboards = dashboards;
        this.studyHours = studyHours;
        this.years = years;
        this.clock = clock;
    }

    /** The member's year as JSON, or as a printable .xlsx when asked for by Accept or {@code ?format=xlsx}. */
    @Get(value = "/members/{memberId}/years/{year}{?format}", produces = {MediaType.APPLICATION_JSON, Workbook.XLSX})
    public HttpResponse<?> memberYear(Authentication authentication, HttpRequest<?> request, long memberId,
                                      @Min(2000) @Max(2100) int year, @Nullable @QueryValue String format) {
        MemberStore.MemberName member = access.member(Caller.of(authentication), memberId);
        YearbookViews.MemberYear view = years.year(member, year);
        if (wantsXlsx(request, format)) {
            return HttpResponse.ok(years.xlsx(view)).contentType(Workbook.XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"member-" + memberId + "-" + year + ".xlsx\"");
        }
        return HttpResponse.ok(view).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The committee's dashboard as JSON, or as an .xlsx report when asked for by Accept or {@code ?format=xlsx}. */
    @Get(value = "/orgs/{orgId}/dashboard{?from,to,format}", produces = {MediaType.APPLICATION_JSON, Workbook.XLSX})
    public HttpResponse<?> dashboard(Authentication authentication, HttpRequest<?> request, long orgId,
                                     @Nullable @QueryValue LocalDate from, @Nullable @QueryValue LocalDate to,
                                     @Nullable @QueryValue String format) {
        Organisation org = access.org(Caller.of(authentication), orgId);
        LocalDate today = BusinessTime.today(clock);
        LocalDate first = from != null ? from : today.withDayOfYear(1);
        YearbookViews.Dashboard view = dashboards.dashboard(org, first, to != null ? to : today);
        if (wantsXlsx(request, format)) {
            return HttpResponse.ok(DashboardExport.xlsx(view)).contentType(Workbook.XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dashboard-" + orgId + "-"
                            + view.from() + "-" + view.to() + ".xlsx\"");
        }
        return HttpResponse.ok(view).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static boolean wantsXlsx(HttpRequest<?> request, @Nullable String format) {
        if (format != null) {
            return switch (format) {
                case "json" -> false;
                case "xlsx" -> true;
                default -> throw ApiException.invalid("format", "must be json or xlsx");
            };
        }
        return request.getHeaders().accept().stream().anyMatch(m -> m.getName().equals(Workbook.XLSX));
    }

    @Get("/members/{memberId}/study-hours{?period}")
    public YearbookViews.MemberStudyHours memberHours(Authentication authentication, long memberId,
                                                      @Nullable @QueryValue String period) {
        return studyHours.member(access.member(Caller.of(authentication), memberId), period(period));
    }

    @Get("/orgs/{orgId}/study-hours{?period}")
    public YearbookViews.StudyHoursReport orgHours(Authentication authentication, long orgId,
                                                   @Nullable @QueryValue String period) {
        return studyHours.report(access.org(Caller.of(authentication), orgId), period(period));
    }

    MonthPeriod period(@Nullable String text) {
        return MonthPeriod.parse("period", text == null ? Integer.toString(BusinessTime.today(clock).getYear()) : text);
    }
}
