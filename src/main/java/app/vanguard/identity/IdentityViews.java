package app.vanguard.identity;

import app.vanguard.org.OrgViews;
import app.vanguard.org.MemberStatus;
import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of the identity endpoints. Phones are masked in all of them except {@link MemberRef#phone} for managers. */
public final class IdentityViews {

    private IdentityViews() {
    }

    @Serdeable
    public record BranchRef(long id, String name) {
    }

    /** A member as these endpoints show them: the phone masked (138****0002) unless a branch manager reads one declaration. */
    @Serdeable
    public record MemberRef(long id, String name, String phone) {
    }

    @Serdeable
    public record RegistrationResult(long memberId, String name, String phone, BranchRef branch) {
    }

    @Serdeable
    public record DeclarationEventView(DeclarationAction action, @Nullable DeclarationState fromState,
                                       DeclarationState toState, long actorId, @Nullable String reason, Instant at) {
    }

    @Serdeable
    public record CommitmentUpdateView(CommitmentStatus status, @Nullable String note, Instant at) {
    }

    @Serdeable
    public record CommitmentReviewView(int year, ReviewVerdict verdict, @Nullable String comment, long reviewerId,
                                       Instant at) {
    }

    @Serdeable
    public record CommitmentView(long id, long declarationId, @Nullable MemberRef member, String content,
                                 CommitmentStatus status, @Nullable String note, Instant updatedAt,
                                 List<CommitmentUpdateView> updates, List<CommitmentReviewView> reviews) {
    }

    @Serdeable
    public record DeclarationView(long id, DeclarationState state, BranchRef branch, MemberRef member,
                                  MemberStatus membershipStatus, @Nullable LocalDate joinedOn,
                                  String registeredOrganisation, boolean mobile, @Nullable String mobileOrigin,
                                  String workplace, @Nullable String position, @Nullable String duties,
                                  @Nullable String idCardLast4, @Nullable String rejectReason, Instant submittedAt,
                                  @Nullable Instant decidedAt, List<CommitmentView> commitments,
                                  List<DeclarationEventView> history) {
    }

    @Serdeable
    public record DeclarationPage(List<DeclarationView> items, int page, int size, long total) {
    }

    @Serdeable
    public record CommitmentPage(List<CommitmentView> items, int page, int size, long total) {
    }

    @Serdeable
    public record BadgeView(long id, BadgeType type, String title, BadgeStatus status, LocalDate validFrom,
                            LocalDate validUntil, MemberRef member, BranchRef branch, String token, String verifyUrl,
                            Instant grantedAt, @Nullable Instant revokedAt, @Nullable String revokeReason) {
    }

    @Serdeable
    public record BadgePage(List<BadgeView> items, int page, int size, long total) {
    }

    /** What anyone scanning a badge's QR code learns: nothing but these. */
    @Serdeable
    public record PublicBadgeView(BadgeStatus status, BadgeType type, String title, String memberName,
                                  String branchName) {
    }

    /** The finding drive (组织找党员、党员找组织) in numbers. */
    @Serdeable
    public record Figures(long received, long verified, long rejected, long mobileMembersFound, long badgesActive) {
    }

    @Serdeable
    public record BranchFigures(long branchId, String branchName, Figures figures) {
    }

    @Serdeable
    public record FiguresView(long orgId, String orgName, LocalDate from, LocalDate to, Figures total,
                              List<BranchFigures> branches) {
    }

    // ---- requests ----

    /** Self-registration of someone not yet on any roster. */
    @Serdeable
    public record RegistrationRequest(@NotBlank @Pattern(regexp = OrgViews.MemberRequest.PHONE_PATTERN) String phone,
                                      @NotBlank @Size(max = 100) String name,
                                      @NotBlank @Size(min = 8, max = 128) String password,
                                      @NotNull Long branchId,
                                      @Nullable @Size(max = 200) String workplace) {
        public RegistrationRequest {
            phone = Phones.normalise(phone);
        }
    }

    @Serdeable
    public record DeclarationRequest(@Nullable Long branchId,
                                     @NotNull MemberStatus membershipStatus,
                                     @Nullable LocalDate joinedOn,
                                     @NotBlank @Size(max = 200) String registeredOrganisation,
                                     @Nullable Boolean mobile,
                                     @Nullable @Size(max = 200) String mobileOrigin,
                                     @NotBlank @Size(max = 200) String workplace,
                                     @Nullable @Size(max = 100) String position,
                                     @Nullable @Size(max = 1000) String duties,
                                     @Nullable @Pattern(regexp = IdCardHasher.PATTERN) String idCardNumber,
                                     @Nullable @Size(max = 10) List<@NotBlank @Size(max = 500) String> commitments) {
        boolean isMobile() {
            return Boolean.TRUE.equals(mobile);
        }
    }

    @Serdeable
    public record RejectRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    public record CommitmentProgressRequest(@NotNull CommitmentStatus status, @Nullable @Size(max = 1000) String note) {
    }

    @Serdeable
    public record ReviewRequest(@NotNull ReviewVerdict verdict, @Nullable @Size(max = 1000) String comment) {
    }

    @Serdeable
    public record BadgeRequest(@NotNull Long memberId, @NotNull BadgeType type, @NotBlank @Size(max = 200) String title,
                               @NotNull LocalDate validFrom, @NotNull LocalDate validUntil) {
    }

    @Serdeable
    public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
