package app.vanguard.coverage;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Drives (百日攻坚) of an organisation, their 15-day snapshots (通报) and report table: for its admins and above. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DriveController {

    private final AccessPolicy access;
    private final DriveService drives;

    public DriveController(AccessPolicy access, DriveService drives) {
        this.access = access;
        this.drives = drives;
    }

    @Post("/orgs/{orgId}/coverage-drives")
    @Status(HttpStatus.CREATED)
    public CoverageViews.DriveView open(Authentication authentication, long orgId, @Body @Valid CoverageViews.DriveRequest body) {
        Caller caller = Caller.of(authentication);
        return drives.open(access.requireAdminister(caller, orgId), caller.memberId(), body.name(), body.startsOn(),
                body.endsOn());
    }

    @Get("/orgs/{orgId}/coverage-drives")
    public List<CoverageViews.DriveView> list(Authentication authentication, long orgId) {
        return drives.drives(access.requireAdminister(Caller.of(authentication), orgId));
    }

    @Get("/coverage-drives/{driveId}")
    public CoverageViews.DriveView get(Authentication authentication, long driveId) {
        return drives.view(administered(authentication, driveId));
    }

    @Post("/coverage-drives/{driveId}/snapshots")
    @Status(HttpStatus.CREATED)
    public CoverageViews.SnapshotView take(Authentication authentication, long driveId) {
        return drives.take(administered(authentication, driveId), Caller.of(authentication).memberId());
    }

    @Get("/coverage-drives/{driveId}/snapshots")
    public List<CoverageViews.SnapshotSummary> snapshots(Authentication authentication, long driveId) {
        return drives.snapshots(administered(authentication, driveId));
    }

    @Get("/coverage-drives/{driveId}/snapshots/{cycle}")
    public CoverageViews.SnapshotView snapshot(Authentication authentication, long driveId, int cycle) {
        return drives.snapshot(administered(authentication, driveId), cycle);
    }

    @Get(value = "/coverage-drives/{driveId}/snapshots/{cycle}/report", produces = SurveyFile.XLSX)
    public HttpResponse<byte[]> report(Authentication authentication, long driveId, int cycle) {
        DriveStore.Drive d = administered(authentication, driveId);
        return EnterpriseController.file(drives.reportXlsx(d, cycle), SurveyFile.XLSX,
                "coverage-report-" + driveId + "-" + cycle + ".xlsx");
    }

    private DriveStore.Drive administered(Authentication authentication, long driveId) {
        DriveStore.Drive d = drives.drive(driveId);
        access.requireAdminister(Caller.of(authentication), d.orgId());
        return d;
    }
}
