package app.vanguard.coverage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A non-public economic organisation on an organisation's register, with the survey's (调查摸底) figures. */
@MappedEntity("enterprise")
public record Enterprise(@Id @GeneratedValue @Nullable Long id,
                         long orgId,
                         String name,
                         @Nullable String creditCode,
                         EnterpriseKind kind,
                         String district,
                         @Nullable String industry,
                         @Nullable String ownerName,
                         boolean ownerIsMember,
                         int employees,
                         int fullMembers,
                         int probationaryMembers,
                         int youthLeagueMembers,
                         int membersRelationsElsewhere,
                         @Nullable String venue,
                         OrganisedAs organisedAs,
                         @Nullable Long branchId,
                         @Nullable String instructorName,
                         @Nullable String instructorPhone,
                         @Nullable LocalDate ownBranchDueSince,
                         Instant createdAt,
                         Instant updatedAt) {
}
