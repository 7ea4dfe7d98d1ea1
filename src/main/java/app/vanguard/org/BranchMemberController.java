package app.vanguard.org;

import app.vanguard.shared.PageResponse;
import app.vanguard.shared.TabularFile;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
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

import java.util.List;

/** A branch's roster (花名册): seen by its secretary and committee members and admins above, changed by the secretary. */
@Controller("/branches/{branchId}/members")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BranchMemberController {

    private final AccessPolicy access;
    private final MemberService memberService;
    private final MemberRepository members;

    public BranchMemberController(AccessPolicy access, MemberService memberService, MemberRepository members) {
        this.access = access;
        this.memberService = memberService;
        this.members = members;
    }

    @Get("{?page,size,includeDisabled}")
    public PageResponse<OrgViews.MemberView> roster(Authentication authentication, long branchId,
                                                   @QueryValue(defaultValue = "0") @Min(0) int page,
                                                   @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size,
                                                   @QueryValue(defaultValue = "false") boolean includeDisabled) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        List<OrgViews.MemberView> items = members.findRoster(branchId, includeDisabled, size, (long) page * size)
                .stream().map(OrgViews.MemberView::of).toList();
        return new PageResponse<>(items, page, size, members.countRoster(branchId, includeDisabled));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public OrgViews.CreatedMember create(Authentication authentication, long branchId,
                                         @Body @Valid OrgViews.MemberRequest body) {
        return memberService.create(access.requireManageBranch(Caller.of(authentication), branchId), body);
    }

    @Get("/{memberId}")
    public OrgViews.MemberView get(Authentication authentication, long branchId, long memberId) {
        Organisation branch = access.requireViewBranch(Caller.of(authentication), branchId);
        return OrgViews.MemberView.of(memberService.memberOf(branch, memberId));
    }

    @Put("/{memberId}")
    public OrgViews.MemberView update(Authentication authentication, long branchId, long memberId,
                                      @Body @Valid OrgViews.MemberRequest body) {
        Caller caller = Caller.of(authentication);
        return memberService.update(caller, access.requireManageBranch(caller, branchId), memberId, body);
    }

    @Post("/{memberId}/disable")
    public OrgViews.MemberView disable(Authentication authentication, long branchId, long memberId) {
        Caller caller = Caller.of(authentication);
        return memberService.setEnabled(caller, access.requireManageBranch(caller, branchId), memberId, false);
    }

    @Post("/{memberId}/enable")
    public OrgViews.MemberView enable(Authentication authentication, long branchId, long memberId) {
        Caller caller = Caller.of(authentication);
        return memberService.setEnabled(caller, access.requireManageBranch(caller, branchId), memberId, true);
    }

    /** Bulk import from CSV (UTF-8, GBK or GB18030) or .xlsx: all rows or none. */
    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, TabularFile.XLSX})
    @Status(HttpStatus.CREATED)
    public OrgViews.ImportResult importFile(Authentication authentication, long branchId,
                                            @Header(HttpHeaders.CONTENT_TYPE) String contentType, @Body byte[] body) {
        return memberService.importFile(access.requireManageBranch(Caller.of(authentication), branchId), body,
                contentType);
    }

    /** The roster import template: a header row in Chinese and one example member. */
    @Get(value = "/import/template.xlsx", produces = TabularFile.XLSX)
    public HttpResponse<byte[]> importTemplate(Authentication authentication, long branchId) {
        access.requireManageBranch(Caller.of(authentication), branchId);
        return HttpResponse.ok(MemberService.importTemplateXlsx()).contentType(TabularFile.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"roster-template.xlsx\"");
    }
}
