package app.vanguard.dues;

import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.MonthPeriod;
import app.vanguard.shared.Workbook;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Party dues (党费) over HTTP: amounts, payments, a member's record, arrears and figures (JSON and .xlsx). */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DuesController {

    private final DuesService dues;
    private final Clock clock;

    public DuesController(DuesService dues, Clock clock) {
        this.dues = dues;
        this.clock = clock;
    }

    @Put("/members/{memberId}/dues-rate")
    public DuesViews.RateView setRate(Authentication authentication, long memberId,
                                      @Valid @Body DuesViews.RateRequest request) {
        return dues.setRate(Caller.of(authentication), memberId, request);
    }

    @Post("/branches/{branchId}/dues-rates/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public DuesViews.ImportResult importRates(Authentication authentication, long branchId, @Body String csv) {
        return dues.importRates(Caller.of(authentication), branchId, csv);
    }

    @Post("/members/{memberId}/dues-payments")
    @Status(HttpStatus.CREATED)
    public DuesViews.PaymentView pay(Authentication authentication, long memberId,
                                     @Valid @Body DuesViews.PaymentRequest request) {
        return dues.recordPayment(Caller.of(authentication), memberId, request);
    }

    @Get("/members/{memberId}/dues{?year}")
    public DuesViews.MemberDues member(Authentication authentication, long memberId,
                                       @Nullable @QueryValue @Min(2000) @Max(2100) Integer year) {
        return dues.memberYear(Caller.of(authentication), memberId,
                year == null ? BusinessTime.today(clock).getYear() : year);
    }

    @Get("/orgs/{orgId}/dues-arrears")
    public DuesViews.ArrearsReport arrears(Authentication authentication, long orgId) {
        return dues.arrears(dues.viewable(Caller.of(authentication), orgId));
    }

    @Get("/orgs/{orgId}/dues-figures{?period}")
    public DuesViews.FiguresReport figures(Authentication authentication, long orgId, @Nullable @QueryValue String period) {
        Organisation org = dues.viewable(Caller.of(authentication), orgId);
        return dues.figures(org, period(period));
    }

    /** The figures of the period per branch and in total, and the members in arrears, as one workbook. */
    @Get(value = "/orgs/{orgId}/dues-figures/export{?period}", produces = Workbook.XLSX)
    public HttpResponse<byte[]> export(Authentication authentication, long orgId, @Nullable @QueryValue String period) {
        Organisation org = dues.viewable(Caller.of(authentication), orgId);
        MonthPeriod p = period(period);
        DuesViews.FiguresReport figures = dues.figures(org, p);
        DuesViews.ArrearsReport arrears = dues.arrears(org);
        List<String> head = List.of("branchId", "branch", "members", "membersWithRate", "dueFen", "paidFen",
                "payments", "membersPaidInFull");
        List<List<Object>> rows = new ArrayList<>();
        for (DuesViews.BranchFigures b : figures.branches()) {
            rows.add(row(b.branchId(), b.branchName(), b.figures()));
        }
        rows.add(row(org.id(), "合计 " + org.name(), figures.total()));
        List<List<Object>> owing = new ArrayList<>();
        for (DuesViews.BranchArrears b : arrears.branches()) {
            for (DuesViews.MemberArrears m : b.members()) {
                owing.add(List.of(b.branchId(), b.branchName(), m.memberId(), m.name(), m.monthsBehind(),
                        m.consecutiveUnpaid(), m.owedFen(), m.firstUnpaidMonth(), m.flagged()));
            }
        }
        byte[] file = new Workbook()
                .sheet("dues-" + p.label(), head, rows)
                .sheet("arrears-" + arrears.asOfMonth(), List.of("branchId", "branch", "memberId", "name",
                        "monthsBehind", "consecutiveUnpaid", "owedFen", "firstUnpaidMonth", "flagged"), owing)
                .xlsx();
        return HttpResponse.ok(file).contentType(Workbook.XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"dues-" + orgId + "-" + p.label() + ".xlsx\"");
    }

    private static List<Object> row(long id, String name, DuesViews.Figures f) {
        return List.of(id, name, f.members(), f.membersWithRate(), f.dueFen(), f.paidFen(), f.payments(),
                f.membersPaidInFull());
    }

    private MonthPeriod period(@Nullable String text) {
        return MonthPeriod.parse("period", text == null ? Integer.toString(BusinessTime.today(clock).getYear()) : text);
    }
}
