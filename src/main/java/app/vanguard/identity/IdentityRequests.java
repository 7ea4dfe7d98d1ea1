package app.vanguard.identity;

import app.vanguard.org.MemberRequest;
import app.vanguard.org.MemberStatus;
import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the identity endpoints. */
public final class IdentityRequests {

    private IdentityRequests() {
    }

    /** Self-registration of someone not yet on any roster. */
    @Serdeable
    public record RegistrationRequest(@NotBlank @Pattern(regexp = MemberRequest.PHONE_PATTERN) String phone,
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
