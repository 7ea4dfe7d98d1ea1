package app.vanguard.commendation;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.commendation.CommendationStore.Nomination;
import app.vanguard.commendation.CommendationStore.Round;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;
import java.util.Set;

/**
 * Commendation rounds (表彰): opened, reviewed and exported by an admin of the round's organisation (or above);
 * read and nominated into by those who run a sub-organisation holding a quota (its admins, or a branch's secretary).
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommendationController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final AccessPolicy access;
    private final CommendationService commendations;

    public CommendationController(AccessPolicy access, CommendationService commendations) {
        this.access = access;
        this.commendations = commendations;
    }

    @Post("/orgs/{orgId}/commendation-rounds")
    @Status(HttpStatus.CREATED)
    public CommendationViews.RoundView open(Authentication authentication, long orgId,
                                            @Body @Valid CommendationViews.RoundRequest body) {
        Caller caller = Caller.of(authentication);
        return commendations.open(access.requireAdminister(caller, orgId), caller.memberId(), body);
    }

    @Get("/orgs/{orgId}/commendation-rounds")
    public List<CommendationViews.RoundView> rounds(Authentication authentication, long orgId) {
        return commendations.rounds(access.requireAdminister(Caller.of(authentication), orgId));
    }

    @Get("/commendation-rounds/{roundId}")
    public CommendationViews.RoundView round(Authentication authentication, long roundId) {
        Caller caller = Caller.of(authentication);
        Round round = commendations.round(roundId);
        if (!administers(caller, round) && nominatable(caller, round).isEmpty()) {
            throw ApiException.forbidden("You may not see commendation round " + roundId);
        }
        return commendations.view(round);
    }

    @Post("/commendation-rounds/{roundId}/nominations")
    @Status(HttpStatus.CREATED)
    public CommendationViews.NominationView nominate(Authentication authentication, long roundId,
                                                     @Body @Valid CommendationViews.NominationRequest body) {
        Caller caller = Caller.of(authentication);
        Round round = commendations.round(roundId);
        Organisation subOrg = access.organisation(body.subOrgId());
        if (!canNominate(caller, subOrg)) {
            throw ApiException.forbidden("You may not nominate for organisation " + subOrg.id());
        }
        if (subOrg.parentId() == null || subOrg.parentId() != round.orgId()) {
            throw ApiException.invalid("subOrgId", "not a direct sub-organisation of the round's organisation");
        }
        return commendations.nominate(round, subOrg, caller.memberId(), body);
    }

    @Get("/commendation-rounds/{roundId}/nominations{?category}")
    public List<CommendationViews.NominationView> nominations(Authentication authentication, long roundId,
                                                              @Nullable @QueryValue Category category) {
        Caller caller = Caller.of(authentication);
        Round round = commendations.round(roundId);
        if (administers(caller, round)) {
            return commendations.nominations(round, null, category);
        }
        Set<Long> mine = nominatable(caller, round);
        if (mine.isEmpty()) {
            throw ApiException.forbidden("You may not see commendation round " + roundId);
        }
        return commendations.nominations(round, mine, category);
    }

    @Get(value = "/commendation-rounds/{roundId}/nominations/export{?category}", produces = XLSX)
    public HttpResponse<byte[]> export(Authentication authentication, long roundId,
                                       @Nullable @QueryValue Category category) {
        Round round = administered(authentication, roundId);
        if (category == null) {
            throw ApiException.invalid("category", "name the category to export");
        }
        return HttpResponse.ok(commendations.exportXlsx(round, category)).contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"nominations-" + roundId + "-"
                        + category + ".xlsx\"");
    }

    @Get("/nominations/{nominationId}")
    public CommendationViews.NominationView nomination(Authentication authentication, long nominationId) {
        Caller caller = Caller.of(authentication);
        Nomination n = commendations.nomination(nominationId);
        Round round = commendations.round(n.roundId());
        if (!administers(caller, round) && !canNominate(caller, access.organisation(n.subOrgId()))) {
            throw ApiException.forbidden("You may not see nomination " + nominationId);
        }
        return commendations.view(n);
    }

    @Post("/nominations/{nominationId}/review")
    public CommendationViews.NominationView review(Authentication authentication, long nominationId,
                                                   @Body @Valid CommendationViews.ReviewRequest body) {
        Nomination n = commendations.nomination(nominationId);
        Round round = administered(authentication, n.roundId());
        return commendations.review(round, n, Caller.of(authentication).memberId(), body);
    }

    @Post("/nominations/{nominationId}/objections")
    @Status(HttpStatus.CREATED)
    public CommendationViews.NominationView object(Authentication authentication, long nominationId,
                                                   @Body @Valid CommendationViews.ObjectionRequest body) {
        Nomination n = commendations.nomination(nominationId);
        administered(authentication, n.roundId());
        return commendations.object(n, Caller.of(authentication).memberId(), body.text());
    }

    private Round administered(Authentication authentication, long roundId) {
        Round round = commendations.round(roundId);
        if (!administers(Caller.of(authentication), round)) {
            throw ApiException.forbidden("You may not review commendation round " + roundId);
        }
        return round;
    }

    private boolean administers(Caller caller, Round round) {
        return access.canAdminister(caller, access.organisation(round.orgId()));
    }

    /** An admin of the sub-organisation (or above), or for a branch its secretary. */
    private boolean canNominate(Caller caller, Organisation subOrg) {
        return access.canAdminister(caller, subOrg)
                || subOrg.type() == OrgType.BRANCH && access.canManageBranch(caller, subOrg);
    }

    private Set<Long> nominatable(Caller caller, Round round) {
        Set<Long> mine = new java.util.HashSet<>();
        for (long id : commendations.quotaHolders(round)) {
            if (canNominate(caller, access.organisation(id))) {
                mine.add(id);
            }
        }
        return mine;
    }
}
