package app.vanguard.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The survey's fields of one enterprise (附件1 非公有制经济组织调查摸底表), as registered or updated. */
@Serdeable
public record EnterpriseRequest(@NotBlank @Size(max = 200) String name,
                                @Nullable @Size(max = 30) String creditCode,
                                @NotNull EnterpriseKind kind,
                                @NotBlank @Size(max = 100) String district,
                                @Nullable @Size(max = 100) String industry,
                                @Nullable @Size(max = 100) String ownerName,
                                @Nullable Boolean ownerIsMember,
                                @NotNull @Min(0) @Max(1_000_000) Integer employees,
                                @NotNull @Min(0) @Max(100_000) Integer fullMembers,
                                @NotNull @Min(0) @Max(100_000) Integer probationaryMembers,
                                @Nullable @Min(0) @Max(1_000_000) Integer youthLeagueMembers,
                                @Nullable @Min(0) @Max(100_000) Integer membersRelationsElsewhere,
                                @Nullable @Size(max = 200) String venue,
                                @NotNull OrganisedAs organisedAs,
                                @Nullable Long branchId,
                                @Nullable @Size(max = 100) String instructorName,
                                @Nullable @Pattern(regexp = PHONE) String instructorPhone) {

    static final String PHONE = "^1[3-9]\\d{9}$";

    int youthLeague() {
        return youthLeagueMembers == null ? 0 : youthLeagueMembers;
    }

    int relationsElsewhere() {
        return membersRelationsElsewhere == null ? 0 : membersRelationsElsewhere;
    }
}
