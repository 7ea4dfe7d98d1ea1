package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("role_assignment")
public record RoleAssignment(@Id @GeneratedValue @Nullable Long id,
                             Long memberId,
                             Role role,
                             @Nullable Long orgId,
                             @Nullable Long grantedBy,
                             Instant createdAt) {
}
