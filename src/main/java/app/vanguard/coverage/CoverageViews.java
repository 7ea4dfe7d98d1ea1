package app.vanguard.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of the coverage (百日攻坚) endpoints. */
public final class CoverageViews {

    private CoverageViews() {
    }

    @Serdeable
    public record EnterpriseView(long id, long orgId, String name, @Nullable String creditCode, EnterpriseKind kind,
                                 String district, @Nullable String industry, @Nullable String ownerName,
                                 boolean ownerIsMember, int employees, int fullMembers, int probationaryMembers,
                                 int youthLeagueMembers, int membersRelationsElsewhere, @Nullable String venue,
                                 OrganisedAs organisedAs, @Nullable Long branchId, @Nullable String instructorName,
                                 @Nullable String instructorPhone, @Nullable LocalDate ownBranchDueSince,
                                 List<Long> memberIds, Instant createdAt, Instant updatedAt) {
        static EnterpriseView of(Enterprise e, List<Long> memberIds) {
            return new EnterpriseView(e.id(), e.orgId(), e.name(), e.creditCode(), e.kind(), e.district(), e.industry(),
                    e.ownerName(), e.ownerIsMember(), e.employees(), e.fullMembers(), e.probationaryMembers(),
                    e.youthLeagueMembers(), e.membersRelationsElsewhere(), e.venue(), e.organisedAs(), e.branchId(),
                    e.instructorName(), e.instructorPhone(), e.ownBranchDueSince(), memberIds, e.createdAt(),
                    e.updatedAt());
        }
    }

    @Serdeable
    public record EnterprisePage(List<EnterpriseView> items, int page, int size, long total) {
    }

    @Serdeable
    public record ImportResult(int created, List<EnterpriseView> enterprises) {
    }

    /** An enterprise with 3+ full members and no own branch (凡是有3名以上正式党员…都要单独建立党组织). */
    @Serdeable
    public record OwnBranchDue(long id, long orgId, String name, @Nullable String creditCode, EnterpriseKind kind,
                               String district, int fullMembers, OrganisedAs organisedAs, LocalDate dueSince,
                               long daysDue) {
    }

    /** Counts over a set of enterprises. */
    @Serdeable
    public record Figures(long surveyed, long own, long joint, long affiliated, long industry, long notOrganised,
                          long covered, @Nullable Double coverageRate, long membersFound, long membersOutside,
                          long instructors) {
    }

    @Serdeable
    public record GroupFigures(String key, @Nullable Long orgId, String label, Figures figures) {
    }

    @Serdeable
    public record FiguresView(long orgId, String orgName, Figures total, List<GroupFigures> bySubOrganisation,
                              List<GroupFigures> byDistrict, List<GroupFigures> byKind) {
    }

    @Serdeable
    public record DriveView(long id, long orgId, String name, LocalDate startsOn, LocalDate endsOn, int cycleDays,
                            int currentCycle, Instant createdAt) {
    }

    /** One sub-organisation's line of a snapshot: figures, change since the previous snapshot, rank. */
    @Serdeable
    public record SnapshotRow(int rank, long orgId, String orgName, Figures figures, long newlyCovered,
                              long newlySurveyed, boolean accountabilityTalk) {
    }

    /**
     * A snapshot: the sub-organisations ranked (coverage rate, then newly covered; the slowest last), the
     * enterprises registered on the drive's organisation itself apart ({@code ownRegister}), and the total of all.
     */
    @Serdeable
    public record SnapshotView(long driveId, long orgId, String orgName, int cycle, LocalDate cycleStartsOn,
                               LocalDate cycleEndsOn, LocalDate asOf, Instant takenAt, @Nullable Integer previousCycle,
                               Figures total, long newlyCovered, long newlySurveyed, List<SnapshotRow> rows,
                               @Nullable Figures ownRegister) {
    }

    @Serdeable
    public record SnapshotSummary(int cycle, LocalDate asOf, Instant takenAt, Figures total) {
    }

    @Serdeable
    public record DriveRequest(@NotBlank @Size(max = 200) String name, @NotNull LocalDate startsOn,
                               @NotNull LocalDate endsOn) {
    }
}
