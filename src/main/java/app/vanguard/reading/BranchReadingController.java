package app.vanguard.reading;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.reading.ReadingViews.CompletionView;
import app.vanguard.reading.ReadingViews.NoteView;
import app.vanguard.reading.ReadingViews.Period;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** A branch's reading, for those who may view the branch: completion and who has not read; shared notes. */
@Controller("/branches/{branchId}/reading")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BranchReadingController {

    private final AccessPolicy access;
    private final BranchReadingService branchReading;
    private final NoteService notes;
    private final Clock clock;

    public BranchReadingController(AccessPolicy access, BranchReadingService branchReading, NoteService notes,
                                   Clock clock) {
        this.access = access;
        this.branchReading = branchReading;
        this.notes = notes;
        this.clock = clock;
    }

    @Get("/completion{?period,date}")
    public CompletionView completion(Authentication authentication, long branchId,
                                     @QueryValue(defaultValue = "DAY") Period period,
                                     @Nullable @QueryValue LocalDate date) {
        access.requireViewBranch(Caller.of(authentication), branchId);
        return branchReading.completion(branchId, period, date == null ? BusinessTime.today(clock) : date);
    }

    @Get("/notes{?page,size}")
    public PageResponse<NoteView> notes(Authentication authentication, long branchId,
                                        @QueryValue(defaultValue = "0") @Min(0) int page,
                                        @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller caller = Caller.of(authentication);
        access.requireViewBranch(caller, branchId);
        return notes.sharedInBranch(caller, branchId, page, size);
    }
}
