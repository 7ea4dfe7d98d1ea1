package app.vanguard.checkin;

import app.vanguard.org.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Meeting evidence over HTTP: record roles, attachments (multipart upload), guests of an open Party lesson. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EvidenceController {

    private final MeetingService meetings;
    private final EvidenceService evidence;

    public EvidenceController(MeetingService meetings, EvidenceService evidence) {
        this.meetings = meetings;
        this.evidence = evidence;
    }

    private Meeting manage(Authentication authentication, long meetingId) {
        return meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.MANAGE);
    }

    private Meeting view(Authentication authentication, long meetingId) {
        return meetings.require(Caller.of(authentication), meetingId, MeetingService.Need.VIEW_BRANCH);
    }

    @Get("/meetings/{meetingId}/evidence")
    public EvidenceViews.Evidence get(Authentication authentication, long meetingId) {
        return evidence.evidence(List.of(view(authentication, meetingId).id())).get(meetingId);
    }

    @Put("/meetings/{meetingId}/record-roles")
    public EvidenceViews.RolesView roles(Authentication authentication, long meetingId,
                                         @Valid @Body EvidenceViews.RolesRequest request) {
        return evidence.setRoles(Caller.of(authentication), manage(authentication, meetingId), request);
    }

    @Post("/meetings/{meetingId}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Status(HttpStatus.CREATED)
    public EvidenceViews.AttachmentView upload(Authentication authentication, long meetingId, CompletedFileUpload file) {
        Meeting meeting = manage(authentication, meetingId);
        try {
            return evidence.attach(Caller.of(authentication), meeting, file.getFilename(), file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/meetings/{meetingId}/attachments/{attachmentId}")
    public HttpResponse<byte[]> download(Authentication authentication, long meetingId, long attachmentId) {
        return file(evidence.content(view(authentication, meetingId), attachmentId, false));
    }

    @Get("/meetings/{meetingId}/attachments/{attachmentId}/thumbnail")
    public HttpResponse<byte[]> thumbnail(Authentication authentication, long meetingId, long attachmentId) {
        return file(evidence.content(view(authentication, meetingId), attachmentId, true));
    }

    @Delete("/meetings/{meetingId}/attachments/{attachmentId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Authentication authentication, long meetingId, long attachmentId) {
        evidence.detach(manage(authentication, meetingId), attachmentId);
    }

    private static HttpResponse<byte[]> file(EvidenceService.Content c) {
        return HttpResponse.ok(c.bytes()).contentType(c.contentType()).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename*=UTF-8''" + URLEncoder.encode(c.fileName(), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
    }

    @Post("/meetings/{meetingId}/guests")
    @Status(HttpStatus.CREATED)
    public EvidenceViews.GuestView invite(Authentication authentication, long meetingId,
                                          @Valid @Body EvidenceViews.GuestRequest request) {
        return evidence.invite(Caller.of(authentication), manage(authentication, meetingId), request);
    }

    @Post("/meetings/{meetingId}/guests/{guestId}/attended")
    public EvidenceViews.GuestView attended(Authentication authentication, long meetingId, long guestId) {
        return evidence.guestAttended(manage(authentication, meetingId), guestId);
    }

}
