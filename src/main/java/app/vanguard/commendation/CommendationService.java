package app.vanguard.commendation;

import app.vanguard.checkin.AttendanceService;
import app.vanguard.checkin.CheckInViews;
import app.vanguard.commendation.CommendationStore.Nomination;
import app.vanguard.commendation.CommendationStore.Round;
import app.vanguard.commendation.CommendationViews.NominationView;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsStore;
import app.vanguard.points.PointsViews;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Problem;
import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commendation rounds (表彰 / 通报表扬, 办字〔2017〕57号): a committee opens a round with categories, criteria and quotas per
 * direct sub-organisation; sub-organisations nominate within quota and may rank extras beyond it (以利备选), each with a
 * statement of deeds of at most 1 500 characters and the candidate's year of attendance, reading and points attached;
 * the committee reviews, publicises (公示) and approves or rejects, every step kept.
 */
@Singleton
public class CommendationService {

    private final CommendationStore store;
    private final OrganisationRepository organisations;
    private final MemberStore members;
    private final AttendanceService attendance;
    private final PointsStore points;
    private final CommendationSettings settings;
    private final Clock clock;

    public CommendationService(CommendationStore store, OrganisationRepository organisations, MemberStore members,
                               AttendanceService attendance, PointsStore points, CommendationSettings settings,
                               Clock clock) {
        this.store = store;
        this.organisations = organisations;
        this.members = members;
        this.attendance = attendance;
        this.points = points;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- rounds ----

    @Transactional
    public CommendationViews.RoundView open(Organisation org, long by, CommendationViews.RoundRequest r) {
        LocalDate today = BusinessTime.today(clock);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.deadline().isBefore(today)) {
            errors.add(new Problem.FieldError("deadline", null, "must not be in the past"));
        }
        Set<Category> categories = EnumSet.noneOf(Category.class);
        List<CommendationStore.CategoryCriteria> criteria = new ArrayList<>();
        for (int i = 0; i < r.categories().size(); i++) {
            CommendationViews.CategoryRequest c = r.categories().get(i);
            if (!categories.add(c.category())) {
                errors.add(new Problem.FieldError("categories[" + i + "].category", null, "named twice"));
            }
            criteria.add(new CommendationStore.CategoryCriteria(c.category(),
                    c.criteria() == null || c.criteria().isBlank() ? c.category().defaultCriteria() : c.criteria().strip()));
        }
        Map<Long, Organisation> children = new HashMap<>();
        for (Organisation o : organisations.findSubtree(org.path())) {
            if (org.id().equals(o.parentId()) && o.type() != OrgType.GROUP) {
                children.put(o.id(), o);
            }
        }
        Set<String> seen = new HashSet<>();
        List<CommendationStore.Quota> quotas = new ArrayList<>();
        for (int i = 0; i < r.quotas().size(); i++) {
            CommendationViews.QuotaRequest q = r.quotas().get(i);
            if (!children.containsKey(q.orgId())) {
                errors.add(new Problem.FieldError("quotas[" + i + "].orgId", null,
                        "not a direct sub-organisation of organisation " + org.id()));
            }
            if (!categories.contains(q.category())) {
                errors.add(new Problem.FieldError("quotas[" + i + "].category", null, "not a category of the round"));
            }
            if (!seen.add(q.orgId() + ":" + q.category())) {
                errors.add(new Problem.FieldError("quotas[" + i + "]", null, "this organisation and category twice"));
            }
            quotas.add(new CommendationStore.Quota(q.orgId(), q.category(), q.quota()));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        int publicityDays = r.publicityDays() != null ? r.publicityDays() : settings.getPublicityDays();
        long id = store.insertRound(org.id(), r.title().strip(), r.deadline(), publicityDays, by, now());
        store.insertCategories(id, criteria);
        store.insertQuotas(id, quotas);
        return view(store.round(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    public Round round(long id) {
        return store.round(id).orElseThrow(() -> ApiException.notFound("Commendation round " + id));
    }

    @Transactional(readOnly = true)
    public List<CommendationViews.RoundView> rounds(Organisation org) {
        return store.roundsOf(org.id()).stream().map(this::view).toList();
    }

    /** The sub-organisations that hold a quota in the round. */
    @Transactional(readOnly = true)
    public Set<Long> quotaHolders(Round round) {
        Set<Long> ids = new HashSet<>();
        store.quotas(round.id()).forEach(q -> ids.add(q.subOrgId()));
        return ids;
    }

    @Transactional(readOnly = true)
    public CommendationViews.RoundView view(Round round) {
        Organisation org = organisations.findById(round.orgId()).orElseThrow();
        List<CommendationViews.CategoryView> categories = store.categories(round.id()).stream()
                .map(c -> new CommendationViews.CategoryView(c.category(), c.category().label, c.criteria())).toList();
        List<CommendationViews.QuotaView> quotas = new ArrayList<>();
        for (CommendationStore.Quota q : store.quotas(round.id())) {
            quotas.add(new CommendationViews.QuotaView(q.subOrgId(), orgName(q.subOrgId()), q.category(), q.quota(),
                    store.countNominations(round.id(), q.subOrgId(), q.category())));
        }
        return new CommendationViews.RoundView(round.id(), org.id(), org.name(), round.title(), round.deadline(),
                !BusinessTime.today(clock).isAfter(round.deadline()), round.publicityDays(),
                settings.getMaxExtraCandidates(), categories, quotas, round.createdAt());
    }

    // ---- nominations ----

    @Transactional
    public NominationView nominate(Round round, Organisation subOrg, long by, CommendationViews.NominationRequest r) {
        LocalDate today = BusinessTime.today(clock);
        if (today.isAfter(round.deadline())) {
            throw ApiException.conflict("ROUND_CLOSED", "Nominations closed on " + round.deadline());
        }
        Category category = r.category();
        if (store.categories(round.id()).stream().noneMatch(c -> c.category() == category)) {
            throw ApiException.invalid("category", "not a category of this round");
        }
        String deeds = r.deeds().strip();
        int characters = deeds.codePointCount(0, deeds.length());
        if (characters > settings.getMaxDeedsCharacters()) {
            throw ApiException.invalid("deeds", "at most " + settings.getMaxDeedsCharacters()
                    + " characters (事迹材料均不超过1500字); this has " + characters);
        }
        Long memberId = null;
        Long orgId = null;
        CommendationStore.Evidence evidence = null;
        if (category.forMember) {
            if (r.memberId() == null || r.orgId() != null) {
                throw ApiException.invalid("memberId", "a " + category + " nomination names a member (and no orgId)");
            }
            memberId = r.memberId();
            Long branchId = members.branchOf(memberId).flatMap(b -> b).orElse(null);
            Organisation branch = branchId == null ? null : organisations.findById(branchId).orElse(null);
            if (branch == null || !branch.isWithin(subOrg)) {
                throw ApiException.notFound("Member " + memberId + " in organisation " + subOrg.id());
            }
            evidence = evidence(memberId, today);
        } else {
            if (r.orgId() == null || r.memberId() != null) {
                throw ApiException.invalid("orgId", "an " + category + " nomination names an organisation (and no memberId)");
            }
            orgId = r.orgId();
            Organisation candidate = organisations.findById(orgId).orElse(null);
            if (candidate == null || candidate.type() == OrgType.GROUP || !candidate.isWithin(subOrg)) {
                throw ApiException.notFound("Organisation " + orgId + " in organisation " + subOrg.id());
            }
        }
        int quota = store.lockQuota(round.id(), subOrg.id(), category).orElseThrow(() -> new ApiException(
                HttpStatus.CONFLICT, "QUOTA_EXCEEDED", "Organisation " + subOrg.id() + " has no quota for " + category));
        int limit = quota == 0 ? 0 : quota + settings.getMaxExtraCandidates();
        if (r.rank() > limit) {
            throw new ApiException(HttpStatus.CONFLICT, "QUOTA_EXCEEDED", "The quota is " + quota + (quota == 0 ? ""
                    : " with up to " + settings.getMaxExtraCandidates() + " ranked extras; ranks go up to " + limit),
                    List.of(new Problem.FieldError("rank", null, "at most " + limit)));
        }
        for (Nomination n : store.nominations(round.id(), subOrg.id(), category)) {
            if (n.rank() == r.rank()) {
                throw new ApiException(HttpStatus.CONFLICT, "RANK_TAKEN", "Rank " + r.rank() + " is nomination " + n.id(),
                        List.of(new Problem.FieldError("rank", null, "already taken")));
            }
        }
        long id;
        try {
            id = store.insertNomination(round.id(), subOrg.id(), category, r.rank(), memberId, orgId, deeds, evidence,
                    by, now());
        } catch (Sql.Duplicate e) {
            throw ApiException.conflict("ALREADY_NOMINATED", "The candidate is already nominated in this category");
        }
        store.insertEvent(id, "SUBMITTED", null, NominationState.SUBMITTED, by, now(), null);
        return view(store.nomination(id).orElseThrow());
    }

    /** Attendance, reading and points of the member from 1 January to today (Asia/Shanghai). */
    private CommendationStore.Evidence evidence(long memberId, LocalDate today) {
        LocalDate from = today.withDayOfYear(1);
        CheckInViews.MyHistory meetings = attendance.history(memberId, from, today);
        PointsViews.History ledger = points.history(memberId, from, today, 0, 1);
        long articles = 0;
        long readingPoints = 0;
        if (ledger.byAction() != null) {
            for (PointsViews.ActionTotal t : ledger.byAction()) {
                if (t.action() == PointsAction.READING) {
                    articles = t.entries();
                    readingPoints = t.points();
                }
            }
        }
        return new CommendationStore.Evidence(from, today, meetings.meetings(), meetings.present() + meetings.late(),
                meetings.attendanceRate(), articles, readingPoints, ledger.points());
    }

    @Transactional(readOnly = true)
    public Nomination nomination(long id) {
        return store.nomination(id).orElseThrow(() -> ApiException.notFound("Nomination " + id));
    }

    /** The round's nominations, of the given sub-organisations only when {@code subOrgIds} is not null. */
    @Transactional(readOnly = true)
    public List<NominationView> nominations(Round round, @Nullable Collection<Long> subOrgIds,
                                            @Nullable Category category) {
        return store.nominations(round.id(), null, category).stream()
                .filter(n -> subOrgIds == null || subOrgIds.contains(n.subOrgId())).map(this::view).toList();
    }

    @Transactional
    public NominationView review(Round round, Nomination n, long by, CommendationViews.ReviewRequest r) {
        LocalDate today = BusinessTime.today(clock);
        NominationState to;
        LocalDate start = null;
        LocalDate end = null;
        String reason = null;
        switch (r.action()) {
            case START_REVIEW -> {
                expect(n, NominationState.SUBMITTED);
                to = NominationState.UNDER_REVIEW;
            }
            case PUBLICISE -> {
                expect(n, NominationState.UNDER_REVIEW);
                to = NominationState.PUBLICISED;
                int days = r.publicityDays() != null ? r.publicityDays() : round.publicityDays();
                start = today;
                end = today.plusDays(days - 1L);
            }
            case APPROVE -> {
                expect(n, NominationState.PUBLICISED);
                if (!today.isAfter(n.publicityEndsOn())) {
                    throw ApiException.conflict("PUBLICITY_NOT_OVER", "The publicity period runs until "
                            + n.publicityEndsOn());
                }
                if (n.objections() > 0) {
                    throw ApiException.conflict("OBJECTION_RECORDED", n.objections()
                            + " objection(s) were recorded during the publicity period");
                }
                to = NominationState.APPROVED;
            }
            case REJECT -> {
                if (n.state() == NominationState.APPROVED || n.state() == NominationState.REJECTED) {
                    throw invalidTransition(n, r.action());
                }
                if (r.reason() == null || r.reason().isBlank()) {
                    throw ApiException.invalid("reason", "a rejection gives a reason");
                }
                reason = r.reason().strip();
                to = NominationState.REJECTED;
            }
            default -> throw new IllegalStateException();
        }
        if (!store.transition(n.id(), n.state(), to, start, end, reason, now())) {
            throw ApiException.conflict("STATE_CHANGED", "The nomination changed meanwhile; read it again");
        }
        String note = reason != null ? reason : start != null ? start + "…" + end : null;
        store.insertEvent(n.id(), r.action().name(), n.state(), to, by, now(), note);
        return view(store.nomination(n.id()).orElseThrow());
    }

    /** Records an objection raised during the publicity period. */
    @Transactional
    public NominationView object(Nomination n, long by, String text) {
        LocalDate today = BusinessTime.today(clock);
        if (n.state() != NominationState.PUBLICISED || today.isBefore(n.publicityStartsOn())
                || today.isAfter(n.publicityEndsOn())) {
            throw ApiException.conflict("NOT_IN_PUBLICITY", "Objections are recorded during the publicity period only");
        }
        if (!store.object(n.id(), now())) {
            throw ApiException.conflict("STATE_CHANGED", "The nomination changed meanwhile; read it again");
        }
        store.insertEvent(n.id(), "OBJECTION", n.state(), n.state(), by, now(), text.strip());
        return view(store.nomination(n.id()).orElseThrow());
    }

    private static void expect(Nomination n, NominationState state) {
        if (n.state() != state) {
            throw new ApiException(HttpStatus.CONFLICT, "INVALID_TRANSITION", "The nomination is " + n.state()
                    + ", not " + state);
        }
    }

    private static ApiException invalidTransition(Nomination n, ReviewAction action) {
        return new ApiException(HttpStatus.CONFLICT, "INVALID_TRANSITION", "A " + n.state()
                + " nomination cannot take " + action);
    }

    @Transactional(readOnly = true)
    public NominationView view(Nomination n) {
        int quota = store.quotas(n.roundId()).stream()
                .filter(q -> q.subOrgId() == n.subOrgId() && q.category() == n.category())
                .mapToInt(CommendationStore.Quota::quota).findFirst().orElse(0);
        CommendationViews.Candidate candidate;
        if (n.memberId() != null) {
            MemberStore.MemberName name = members.names(List.of(n.memberId())).get(n.memberId());
            candidate = new CommendationViews.Candidate(n.memberId(), null, name == null ? "" : name.name(),
                    name == null ? null : name.branchName());
        } else {
            candidate = new CommendationViews.Candidate(null, n.orgId(), orgName(n.orgId()), null);
        }
        CommendationStore.Evidence e = n.evidence();
        CommendationViews.EvidenceView evidence = e == null ? null : new CommendationViews.EvidenceView(e.from(),
                e.to(), e.meetings(), e.attended(), e.attendanceRate(), e.articlesRead(), e.readingPoints(), e.points());
        List<CommendationViews.EventView> history = store.events(n.id()).stream()
                .map(v -> new CommendationViews.EventView(v.action(), v.from(), v.to(), v.byMemberId(), v.at(),
                        v.note())).toList();
        return new NominationView(n.id(), n.roundId(), n.subOrgId(), orgName(n.subOrgId()), n.category(), n.rank(),
                n.rank() <= quota, candidate, n.deeds(), n.deeds().codePointCount(0, n.deeds().length()), n.state(),
                n.publicityStartsOn(), n.publicityEndsOn(), n.objections(), n.rejectionReason(), evidence,
                n.createdAt(), n.updatedAt(), history);
    }

    /** The nomination table of a round and category (.xlsx). */
    @Transactional(readOnly = true)
    public byte[] exportXlsx(Round round, Category category) {
        return NominationTable.xlsx(round, category, nominations(round, null, category));
    }

    private String orgName(long id) {
        return organisations.findById(id).map(Organisation::name).orElse("");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
