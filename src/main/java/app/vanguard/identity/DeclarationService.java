package app.vanguard.identity;

import app.vanguard.org.PasswordHasher;
import app.vanguard.identity.IdentityRepositories.CommitmentRepository;
import app.vanguard.identity.IdentityRepositories.CommitmentReviewRepository;
import app.vanguard.identity.IdentityRepositories.CommitmentUpdateRepository;
import app.vanguard.identity.IdentityRepositories.DeclarationEventRepository;
import app.vanguard.identity.IdentityRepositories.DeclarationRepository;
import app.vanguard.identity.IdentityViews.DeclarationRequest;
import app.vanguard.identity.IdentityViews.BranchRef;
import app.vanguard.identity.IdentityViews.CommitmentReviewView;
import app.vanguard.identity.IdentityViews.CommitmentUpdateView;
import app.vanguard.identity.IdentityViews.CommitmentView;
import app.vanguard.identity.IdentityViews.DeclarationEventView;
import app.vanguard.identity.IdentityViews.DeclarationView;
import app.vanguard.identity.IdentityViews.MemberRef;
import app.vanguard.org.Member;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.MemberStatus;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.points.PointsAction;
import app.vanguard.points.PointsService;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Sql;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Identity declarations (亮身份): self-registration of members not yet on a roster, declaring, the secretary's
 * verify / reject, amend and resubmit, and the commitments (承诺践诺) they carry with their yearly review.
 */
@Singleton
public class DeclarationService {

    private static final List<DeclarationState> OPEN = List.of(DeclarationState.SUBMITTED, DeclarationState.REJECTED);

    private final DeclarationRepository declarations;
    private final DeclarationEventRepository events;
    private final CommitmentRepository commitments;
    private final CommitmentUpdateRepository commitmentUpdates;
    private final CommitmentReviewRepository reviews;
    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final PasswordHasher hasher;
    private final IdCardHasher idCards;
    private final PointsService points;
    private final Clock clock;
    private final int declarationPoints;
    private final int commitmentPoints;
    @jakarta.inject.Inject app.vanguard.notification.Notifier notifier; // 通知: one-line hooks below

    public DeclarationService(DeclarationRepository declarations, DeclarationEventRepository events,
                              CommitmentRepository commitments, CommitmentUpdateRepository commitmentUpdates,
                              CommitmentReviewRepository reviews,
                              MemberRepository members, OrganisationRepository organisations, PasswordHasher hasher,
                              IdCardHasher idCards, PointsService points, Clock clock,
                              IdentitySettings.Points pointsSettings) {
        this.declarations = declarations;
        this.events = events;
        this.commitments = commitments;
        this.commitmentUpdates = commitmentUpdates;
        this.reviews = reviews;
        this.members = members;
        this.organisations = organisations;
        this.hasher = hasher;
        this.idCards = idCards;
        this.points = points;
        this.clock = clock;
        this.declarationPoints = pointsSettings.getDeclarationVerified();
        this.commitmentPoints = pointsSettings.getCommitmentFulfilled();
    }

    // ---- registration -------------------------------------------------------------------------------------------

    /**
     * Creates a pending account: a member with no branch (branch_id NULL), marked self-registered, remembering the
     * branch they said they work at. They can sign in and declare; they join the branch when it is verified.
     */
    @Transactional
    public IdentityViews.RegistrationResult register(IdentityViews.RegistrationRequest request) {
        Organisation branch = branch(request.branchId(), "branchId");
        if (members.findByPhone(request.phone()).isPresent()) {
            throw phoneTaken();
        }
        Instant now = now();
        Member member;
        try {
            member = members.save(new Member(null, request.phone(), request.name().strip(), hasher.hash(request.password(), "password"),
                    false, null, null, MemberStatus.FULL, null, blankToNull(request.workplace()), null, true, null, now, now));
        } catch (DataAccessException e) {
            if (Sql.isDuplicate(e)) {
                throw phoneTaken(); // lost a race for the phone
            }
            throw e;
        }
        members.markSelfRegistered(member.id(), branch.id());
        return new IdentityViews.RegistrationResult(member.id(), member.name(), Masking.phone(member.phone()),
                new BranchRef(branch.id(), branch.name()));
    }

    // ---- the member's side --------------------------------------------------------------------------------------

    @Transactional
    public DeclarationView submit(long memberId, DeclarationRequest request) {
        members.lockById(memberId); // two submits at once: the second waits, then sees the first's declaration
        Member member = member(memberId);
        if (declarations.countByMemberIdAndStateIn(memberId, OPEN) > 0) {
            throw ApiException.conflict("DECLARATION_OPEN",
                    "You already have a declaration waiting or rejected; amend that one instead");
        }
        Long branchId = request.branchId() != null ? request.branchId()
                : members.findPendingBranchIdById(memberId).orElse(member.branchId());
        if (branchId == null) {
            throw ApiException.invalid("branchId", "must name the branch you declare to");
        }
        Organisation branch = checkRequest(member, branchId, request);
        long at = now().toEpochMilli();
        Declaration saved = declarations.save(new Declaration(null, memberId, branch.id(), DeclarationState.SUBMITTED,
                request.membershipStatus(), request.joinedOn(), request.registeredOrganisation().strip(),
                request.isMobile(), request.isMobile() ? blankToNull(request.mobileOrigin()) : null,
                request.workplace().strip(), blankToNull(request.position()), blankToNull(request.duties()),
                idCardHash(request), idCardLast4(request), null, at, null, null, at));
        saveCommitments(saved, request.commitments(), at);
        events.save(new DeclarationEvent(null, saved.id(), branch.id(), DeclarationAction.SUBMITTED, null,
                DeclarationState.SUBMITTED, memberId, null, saved.mobile(), at));
        notifier.notifySecretaries(branch.id(), app.vanguard.notification.NotificationKind.DECLARATION_WAITING, saved.id(), String.valueOf(at), "link", "/branches/" + branch.id() + "/declarations/" + saved.id());
        return view(saved, false);
    }

    /** Amends a rejected declaration and submits it again; its commitments are replaced by the new list. */
    @Transactional
    public DeclarationView resubmit(long memberId, long declarationId, DeclarationRequest request) {
        Member member = member(memberId);
        Declaration existing = ownDeclaration(memberId, declarationId);
        if (existing.state() != DeclarationState.REJECTED) {
            throw notRejected();
        }
        long branchId = request.branchId() != null ? request.branchId() : existing.branchId();
        Organisation branch = checkRequest(member, branchId, request);
        long at = now().toEpochMilli();
        int changed = declarations.resubmit(declarationId, branch.id(), request.membershipStatus().name(),
                request.joinedOn(), request.registeredOrganisation().strip(), request.isMobile(),
                request.isMobile() ? blankToNull(request.mobileOrigin()) : null, request.workplace().strip(),
                blankToNull(request.position()), blankToNull(request.duties()), idCardHash(request),
                idCardLast4(request), at);
        if (changed != 1) {
            throw notRejected();
        }
        Declaration updated = declarations.findById(declarationId).orElseThrow();
        commitments.deleteOfDeclaration(declarationId);
        saveCommitments(updated, request.commitments(), at);
        events.save(new DeclarationEvent(null, declarationId, branch.id(), DeclarationAction.RESUBMITTED,
                DeclarationState.REJECTED, DeclarationState.SUBMITTED, memberId, null, updated.mobile(), at));
        notifier.notifySecretaries(branch.id(), app.vanguard.notification.NotificationKind.DECLARATION_WAITING, declarationId, String.valueOf(at), "link", "/branches/" + branch.id() + "/declarations/" + declarationId);
        return view(updated, false);
    }

    @Transactional(readOnly = true)
    public List<DeclarationView> mine(long memberId) {
        return declarations.findByMemberIdOrderByIdDesc(memberId).stream().map(d -> view(d, false)).toList();
    }

    @Transactional(readOnly = true)
    public DeclarationView myDeclaration(long memberId, long declarationId) {
        return view(ownDeclaration(memberId, declarationId), false);
    }

    @Transactional(readOnly = true)
    public List<CommitmentView> myCommitments(long memberId) {
        return commitments.findTrackedOfMember(memberId).stream().map(c -> commitmentView(c, null)).toList();
    }

    /** The member sets a commitment's status with a note; every update is kept. */
    @Transactional
    public CommitmentView progress(long memberId, long commitmentId, IdentityViews.CommitmentProgressRequest request) {
        Commitment c = commitments.findById(commitmentId).filter(x -> x.memberId() == memberId)
                .orElseThrow(() -> ApiException.notFound("Commitment " + commitmentId));
        requireTracked(c);
        long at = now().toEpochMilli();
        String note = blankToNull(request.note());
        commitments.updateProgress(commitmentId, request.status().name(), note, at);
        commitmentUpdates.save(new CommitmentUpdate(null, commitmentId, request.status(), note, at));
        return commitmentView(commitments.findById(commitmentId).orElseThrow(), null);
    }

    // ---- the branch's side --------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public IdentityViews.DeclarationPage forBranch(Organisation branch, @Nullable DeclarationState state, int page,
                                                   int size) {
        String s = state == null ? null : state.name();
        List<DeclarationView> items = declarations.findForBranch(branch.id(), s, size, (long) page * size).stream()
                .map(this::summary).toList();
        return new IdentityViews.DeclarationPage(items, page, size, declarations.countForBranch(branch.id(), s));
    }

    /** One declaration with its commitments and history; the registrant's phone unmasked, for the secretary to call. */
    @Transactional(readOnly = true)
    public DeclarationView ofBranch(Organisation branch, long declarationId) {
        return view(branchDeclaration(branch, declarationId), true);
    }

    /**
     * Verifies a submitted declaration: the member joins the branch's roster with what they declared (as a mobile
     * member, keeping where they come from and where their record is held) and earns points.
     */
    @Transactional
    public DeclarationView verify(Organisation branch, long declarationId, long actorId) {
        Declaration d = branchDeclaration(branch, declarationId);
        if (d.state() == DeclarationState.VERIFIED) {
            return view(d, false); // a retry answers as the verification did
        }
        Member member = member(d.memberId());
        if (member.branchId() != null && member.branchId() != d.branchId() && !d.mobile()) {
            throw ApiException.conflict("MEMBER_IN_OTHER_BRANCH",
                    "The member is on another branch's roster; only a mobile member can join here");
        }
        long at = now().toEpochMilli();
        if (declarations.decide(declarationId, DeclarationState.VERIFIED.name(), at, actorId, null) != 1) {
            return decidedMeanwhile(declarationId, DeclarationState.VERIFIED);
        }
        events.save(new DeclarationEvent(null, declarationId, d.branchId(), DeclarationAction.VERIFIED,
                DeclarationState.SUBMITTED, DeclarationState.VERIFIED, actorId, null, d.mobile(), at));
        members.join(member.id(), d.branchId(), d.membershipStatus().name(), d.joinedOn(), d.workplace(),
                d.position(), d.mobile(), d.mobileOrigin(), d.registeredOrg(), Instant.ofEpochMilli(at));
        points.award(member.id(), PointsAction.DECLARATION_VERIFIED, "declaration:" + declarationId, declarationPoints);
        notifier.notify(List.of(member.id()), app.vanguard.notification.NotificationKind.DECLARATION_VERIFIED, declarationId, "");
        return view(declarations.findById(declarationId).orElseThrow(), false);
    }

    @Transactional
    public DeclarationView reject(Organisation branch, long declarationId, long actorId, String reason) {
        Declaration d = branchDeclaration(branch, declarationId);
        if (d.state() == DeclarationState.REJECTED) {
            return view(d, false); // a retry answers as the rejection did
        }
        long at = now().toEpochMilli();
        String why = reason.strip();
        if (declarations.decide(declarationId, DeclarationState.REJECTED.name(), at, actorId, why) != 1) {
            return decidedMeanwhile(declarationId, DeclarationState.REJECTED);
        }
        events.save(new DeclarationEvent(null, declarationId, d.branchId(), DeclarationAction.REJECTED,
                DeclarationState.SUBMITTED, DeclarationState.REJECTED, actorId, why, d.mobile(), at));
        notifier.notify(List.of(d.memberId()), app.vanguard.notification.NotificationKind.DECLARATION_REJECTED, declarationId, String.valueOf(at), "reason", why);
        return view(declarations.findById(declarationId).orElseThrow(), false);
    }

    @Transactional(readOnly = true)
    public IdentityViews.CommitmentPage commitmentsOfBranch(Organisation branch, int page, int size) {
        List<CommitmentView> items = commitments.findTrackedOfBranch(branch.id(), size, (long) page * size).stream()
                .map(c -> commitmentView(c, memberRef(c.memberId(), false))).toList();
        return new IdentityViews.CommitmentPage(items, page, size, commitments.countTrackedOfBranch(branch.id()));
    }

    /** The secretary's review of a commitment for a year (one per year; reviewing again replaces it). */
    @Transactional
    public CommitmentView review(Organisation branch, long commitmentId, int year, long actorId,
                                 IdentityViews.ReviewRequest request) {
        Commitment c = commitments.findById(commitmentId).filter(x -> x.branchId() == branch.id())
                .orElseThrow(() -> ApiException.notFound("Commitment " + commitmentId + " of branch " + branch.id()));
        requireTracked(c);
        int thisYear = BusinessTime.today(clock).getYear();
        if (year < 2000 || year > thisYear) {
            throw ApiException.invalid("year", "must be between 2000 and " + thisYear);
        }
        long at = now().toEpochMilli();
        String comment = blankToNull(request.comment());
        CommitmentReview review = reviews.findByCommitmentIdAndReviewYear(commitmentId, year)
                .map(r -> new CommitmentReview(r.id(), commitmentId, year, request.verdict(), comment, actorId, at))
                .orElse(new CommitmentReview(null, commitmentId, year, request.verdict(), comment, actorId, at));
        if (review.id() == null) {
            reviews.save(review);
        } else {
            reviews.update(review);
        }
        if (request.verdict() == ReviewVerdict.FULFILLED) {
            points.award(c.memberId(), PointsAction.COMMITMENT_FULFILLED, "commitment:" + commitmentId, commitmentPoints);
        }
        return commitmentView(c, memberRef(c.memberId(), false));
    }

    /** True when the member has a verified declaration to the branch. */
    public boolean isVerifiedIn(long memberId, long branchId) {
        return declarations.findByMemberIdOrderByIdDesc(memberId).stream()
                .anyMatch(d -> d.branchId() == branchId && d.state() == DeclarationState.VERIFIED);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Organisation checkRequest(Member member, long branchId, DeclarationRequest request) {
        Organisation branch = branch(branchId, "branchId");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (member.branchId() != null && member.branchId() != branchId && !request.isMobile()) {
            errors.add(new Problem.FieldError("branchId", null,
                    "you are on another branch's roster: declare to your own branch, or as a mobile member"));
        }
        if (request.isMobile() && blankToNull(request.mobileOrigin()) == null) {
            errors.add(new Problem.FieldError("mobileOrigin", null, "a mobile member must say where they come from"));
        }
        if (request.joinedOn() != null && request.joinedOn().isAfter(BusinessTime.today(clock))) {
            errors.add(new Problem.FieldError("joinedOn", null, "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        return branch;
    }

    private void saveCommitments(Declaration d, @Nullable List<String> texts, long at) {
        if (texts == null) {
            return;
        }
        int i = 0;
        for (String text : texts) {
            commitments.save(new Commitment(null, d.id(), d.memberId(), d.branchId(), i++, text.strip(),
                    CommitmentStatus.IN_PROGRESS, null, at));
        }
    }

    private @Nullable String idCardHash(DeclarationRequest request) {
        return request.idCardNumber() == null ? null : idCards.hash(request.idCardNumber());
    }

    private static @Nullable String idCardLast4(DeclarationRequest request) {
        return request.idCardNumber() == null ? null : IdCardHasher.last4(request.idCardNumber());
    }

    private void requireTracked(Commitment c) {
        Declaration d = declarations.findById(c.declarationId()).orElseThrow();
        if (d.state() != DeclarationState.VERIFIED) {
            throw ApiException.conflict("COMMITMENT_NOT_TRACKED",
                    "Commitments are tracked once their declaration is verified");
        }
    }

    private Declaration ownDeclaration(long memberId, long declarationId) {
        return declarations.findById(declarationId).filter(d -> d.memberId() == memberId)
                .orElseThrow(() -> ApiException.notFound("Declaration " + declarationId));
    }

    private Declaration branchDeclaration(Organisation branch, long declarationId) {
        return declarations.findById(declarationId).filter(d -> d.branchId() == branch.id())
                .orElseThrow(() -> ApiException.notFound("Declaration " + declarationId + " of branch " + branch.id()));
    }

    private Organisation branch(long id, String field) {
        return organisations.findById(id).filter(o -> o.type() == OrgType.BRANCH)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "Branch " + id + " not found",
                        List.of(new Problem.FieldError(field, null, "no such branch"))));
    }

    private Member member(long id) {
        return members.findById(id).orElseThrow(() -> ApiException.notFound("Member " + id));
    }

    /** A list item: the declaration without its commitments and history (read one declaration for those). */
    private DeclarationView summary(Declaration d) {
        Organisation branch = organisations.findById(d.branchId()).orElseThrow();
        return new DeclarationView(d.id(), d.state(), new BranchRef(branch.id(), branch.name()),
                memberRef(d.memberId(), false), d.membershipStatus(), d.joinedOn(), d.registeredOrg(), d.mobile(),
                d.mobileOrigin(), d.workplace(), d.position(), d.duties(), d.idCardLast4(), d.rejectReason(),
                Instant.ofEpochMilli(d.submittedAtMs()), d.decidedAtMs() == null ? null : Instant.ofEpochMilli(d.decidedAtMs()),
                List.of(), List.of());
    }

    DeclarationView view(Declaration d, boolean fullPhone) {
        Organisation branch = organisations.findById(d.branchId()).orElseThrow();
        List<CommitmentView> cs = commitments.findByDeclarationIdOrderByPositionNo(d.id()).stream()
                .map(c -> commitmentView(c, null)).toList();
        List<DeclarationEventView> history = events.findByDeclarationIdOrderById(d.id()).stream()
                .map(e -> new DeclarationEventView(e.action(), e.fromState(), e.toState(), e.actorId(), e.reason(),
                        Instant.ofEpochMilli(e.atMs()))).toList();
        return new DeclarationView(d.id(), d.state(), new BranchRef(branch.id(), branch.name()),
                memberRef(d.memberId(), fullPhone), d.membershipStatus(), d.joinedOn(), d.registeredOrg(), d.mobile(),
                d.mobileOrigin(), d.workplace(), d.position(), d.duties(), d.idCardLast4(), d.rejectReason(),
                Instant.ofEpochMilli(d.submittedAtMs()), d.decidedAtMs() == null ? null : Instant.ofEpochMilli(d.decidedAtMs()),
                cs, history);
    }

    private CommitmentView commitmentView(Commitment c, @Nullable MemberRef member) {
        List<CommitmentUpdateView> updates = commitmentUpdates.findByCommitmentIdOrderById(c.id()).stream()
                .map(u -> new CommitmentUpdateView(u.status(), u.note(), Instant.ofEpochMilli(u.atMs()))).toList();
        List<CommitmentReviewView> rs = reviews.findByCommitmentIdOrderByReviewYear(c.id()).stream()
                .map(r -> new CommitmentReviewView(r.reviewYear(), r.verdict(), r.comment(), r.reviewerId(),
                        Instant.ofEpochMilli(r.atMs()))).toList();
        return new CommitmentView(c.id(), c.declarationId(), member, c.content(), c.status(), c.note(),
                Instant.ofEpochMilli(c.updatedAtMs()), updates, rs);
    }

    MemberRef memberRef(long memberId, boolean fullPhone) {
        Member m = member(memberId);
        return new MemberRef(m.id(), m.name(), fullPhone ? m.phone() : Masking.phone(m.phone()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ApiException phoneTaken() {
        return new ApiException(HttpStatus.CONFLICT, "PHONE_TAKEN", "Another member already has this phone number",
                List.of(new Problem.FieldError("phone", null, "already belongs to a member; sign in instead")));
    }

    private static ApiException notRejected() {
        return ApiException.conflict("DECLARATION_NOT_REJECTED", "Only a rejected declaration can be amended");
    }

    /** A concurrent retry of the same decision answers as the decision did; another decision is a conflict. */
    private DeclarationView decidedMeanwhile(long declarationId, DeclarationState wanted) {
        Declaration now = declarations.findById(declarationId).orElseThrow();
        if (now.state() != wanted) {
            throw notSubmitted();
        }
        return view(now, false);
    }

    private static ApiException notSubmitted() {
        return ApiException.conflict("DECLARATION_NOT_SUBMITTED", "The declaration is not waiting for a decision");
    }
}
