package app.vanguard.points;

import app.vanguard.org.Caller;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
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
import java.time.temporal.ChronoUnit;

/** The signed-in member's own points (积分) history, with totals per action and per day. Read from MySQL only. */
@Controller("/me/points")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PointsHistoryController {

    static final int MAX_DAYS = 366;
    private final PointsStore queries;
    private final Clock clock;

    public PointsHistoryController(PointsStore queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Get("{?from,to,page,size}")
    public PointsViews.History history(Authentication authentication,
                                       @Nullable @QueryValue LocalDate from,
                                       @Nullable @QueryValue LocalDate to,
                                       @QueryValue(defaultValue = "0") @Min(0) int page,
                                       @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        LocalDate end = to == null ? BusinessTime.today(clock) : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.invalid("from", "the range may span at most " + MAX_DAYS + " days");
        }
        return queries.history(Caller.of(authentication).memberId(), start, end, page, size);
    }
}
