package app.vanguard.coverage;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.Organisation;
import app.vanguard.shared.PageResponse;
import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The enterprise register of the 100-day drive (百日攻坚 调查摸底), its import, the 3-full-members rule list and the
 * coverage figures: for an org admin of the organisation (or above) and system admins.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnterpriseController {

    private final AccessPolicy access;
    private final EnterpriseService enterprises;

    public EnterpriseController(AccessPolicy access, EnterpriseService enterprises) {
        this.access = access;
        this.enterprises = enterprises;
    }

    @Post("/orgs/{orgId}/enterprises")
    @Status(HttpStatus.CREATED)
    public CoverageViews.EnterpriseView create(Authentication authentication, long orgId,
                                               @Body @Valid EnterpriseRequest body) {
        return enterprises.create(admin(authentication, orgId), body);
    }

    @Get("/orgs/{orgId}/enterprises{?kind,district,organisedAs,page,size}")
    public CoverageViews.EnterprisePage list(Authentication authentication, long orgId,
                                             @Nullable @QueryValue EnterpriseKind kind,
                                             @Nullable @QueryValue @Size(max = 100) String district,
                                             @Nullable @QueryValue OrganisedAs organisedAs,
                                             @QueryValue(defaultValue = "0") @Min(0) int page,
                                             @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return enterprises.page(admin(authentication, orgId), kind, district, organisedAs, page, size);
    }

    @Post("/orgs/{orgId}/enterprises/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, SurveyFile.XLSX})
    @Status(HttpStatus.CREATED)
    public CoverageViews.ImportResult importFile(Authentication authentication, long orgId,
                                                 @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                 @Body byte[] body) {
        return enterprises.importFile(admin(authentication, orgId), body, contentType);
    }

    @Get(value = "/orgs/{orgId}/enterprises/import-template{?format}", produces = {SurveyFile.XLSX, "text/csv"})
    public HttpResponse<byte[]> template(Authentication authentication, long orgId,
                                         @QueryValue(defaultValue = "xlsx") String format) {
        admin(authentication, orgId);
        return switch (format) {
            case "xlsx" -> file(SurveyFile.templateXlsx(), SurveyFile.XLSX, "survey-template.xlsx");
            case "csv" -> file(SurveyFile.templateCsv(), "text/csv; charset=utf-8", "survey-template.csv");
            default -> throw ApiException.invalid("format", "must be xlsx or csv");
        };
    }

    /** The survey template at the path every import template has. */
    @Get(value = "/orgs/{orgId}/enterprises/import/template.xlsx", produces = SurveyFile.XLSX)
    public HttpResponse<byte[]> templateXlsx(Authentication authentication, long orgId) {
        admin(authentication, orgId);
        return file(SurveyFile.templateXlsx(), SurveyFile.XLSX, "survey-template.xlsx");
    }

    @Get("/orgs/{orgId}/enterprises/own-branch-due")
    public PageResponse<CoverageViews.OwnBranchDue> ownBranchDue(Authentication authentication, long orgId,
                                                                 @QueryValue(defaultValue = "0") @Min(0) int page,
                                                                 @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return PageResponse.slice(enterprises.ownBranchDue(admin(authentication, orgId)), page, size);
    }

    @Get("/orgs/{orgId}/coverage-figures")
    public CoverageViews.FiguresView figures(Authentication authentication, long orgId) {
        return enterprises.figures(admin(authentication, orgId));
    }

    /** The enterprises a branch covers: for its secretary and committee members too. */
    @Get("/branches/{branchId}/enterprises")
    public PageResponse<CoverageViews.EnterpriseView> coveredBy(Authentication authentication, long branchId,
                                                                @QueryValue(defaultValue = "0") @Min(0) int page,
                                                                @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        return PageResponse.slice(enterprises.coveredBy(access.requireViewBranch(Caller.of(authentication), branchId)),
                page, size);
    }

    @Get("/enterprises/{enterpriseId}")
    public CoverageViews.EnterpriseView get(Authentication authentication, long enterpriseId) {
        return enterprises.view(administered(authentication, enterpriseId));
    }

    @Put("/enterprises/{enterpriseId}")
    public CoverageViews.EnterpriseView update(Authentication authentication, long enterpriseId,
                                               @Body @Valid EnterpriseRequest body) {
        return enterprises.update(administered(authentication, enterpriseId), body);
    }

    @Put("/enterprises/{enterpriseId}/members/{memberId}")
    public CoverageViews.EnterpriseView link(Authentication authentication, long enterpriseId, long memberId) {
        return enterprises.link(administered(authentication, enterpriseId), memberId);
    }

    @Delete("/enterprises/{enterpriseId}/members/{memberId}")
    public CoverageViews.EnterpriseView unlink(Authentication authentication, long enterpriseId, long memberId) {
        return enterprises.unlink(administered(authentication, enterpriseId), memberId);
    }

    private Organisation admin(Authentication authentication, long orgId) {
        return access.requireAdminister(Caller.of(authentication), orgId);
    }

    private Enterprise administered(Authentication authentication, long enterpriseId) {
        Enterprise e = enterprises.enterprise(enterpriseId);
        access.requireAdminister(Caller.of(authentication), e.orgId());
        return e;
    }

    static HttpResponse<byte[]> file(byte[] body, String contentType, String filename) {
        return HttpResponse.ok(body).contentType(contentType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }
}
