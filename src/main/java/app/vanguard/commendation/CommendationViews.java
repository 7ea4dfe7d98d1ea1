package app.vanguard.commendation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Requests and answers of the commendation (表彰) endpoints. */
public final class CommendationViews {

    private CommendationViews() {
    }

    // ---- requests ----

    @Serdeable
    public record CategoryRequest(@NotNull Category category, @Nullable @Size(max = 5000) String criteria) {
    }

    @Serdeable
    public record QuotaRequest(@NotNull @Positive Long orgId, @NotNull Category category,
                               @NotNull @Min(0) @Max(1000) Integer quota) {
    }

    @Serdeable
    public record RoundRequest(@NotBlank @Size(max = 200) String title, @NotNull LocalDate deadline,
                               @Nullable @Min(1) @Max(30) Integer publicityDays,
                               @NotEmpty @Size(max = 3) List<@Valid @NotNull CategoryRequest> categories,
                               @NotEmpty @Size(max = 3000) List<@Valid @NotNull QuotaRequest> quotas) {
    }

    /** A nomination: a member for the individual categories, an organisation for ADVANCED_ORGANISATION. */
    @Serdeable
    public record NominationRequest(@NotNull @Positive Long subOrgId, @NotNull Category category,
                                    @NotNull @Min(1) @Max(1000) Integer rank, @Nullable @Positive Long memberId,
                                    @Nullable @Positive Long orgId, @NotBlank @Size(max = 4000) String deeds) {
    }

    @Serdeable
    public record ReviewRequest(@NotNull ReviewAction action, @Nullable @Size(max = 500) String reason,
                                @Nullable @Min(1) @Max(30) Integer publicityDays) {
    }

    @Serdeable
    public record ObjectionRequest(@NotBlank @Size(max = 2000) String text) {
    }

    // ---- answers ----

    @Serdeable
    public record CategoryView(Category category, String label, String criteria) {
    }

    @Serdeable
    public record QuotaView(long orgId, String orgName, Category category, int quota, long nominated) {
    }

    @Serdeable
    public record RoundView(long id, long orgId, String orgName, String title, LocalDate deadline, boolean open,
                            int publicityDays, int maxExtraCandidates, List<CategoryView> categories,
                            List<QuotaView> quotas, Instant createdAt) {
    }

    @Serdeable
    public record Candidate(@Nullable Long memberId, @Nullable Long orgId, String name, @Nullable String branchName) {
    }

    @Serdeable
    public record EvidenceView(LocalDate from, LocalDate to, int meetings, int attended, @Nullable Double attendanceRate,
                               long articlesRead, long readingPoints, long points) {
    }

    @Serdeable
    public record EventView(String action, @Nullable NominationState fromState, NominationState toState,
                            long byMemberId, Instant at, @Nullable String note) {
    }

    @Serdeable
    public record NominationView(long id, long roundId, long subOrgId, String subOrgName, Category category, int rank,
                                 boolean withinQuota, Candidate candidate, String deeds, int deedsCharacters,
                                 NominationState state, @Nullable LocalDate publicityStartsOn,
                                 @Nullable LocalDate publicityEndsOn, int objections, @Nullable String rejectionReason,
                                 @Nullable EvidenceView evidence, Instant createdAt, Instant updatedAt,
                                 List<EventView> history) {
    }
}
