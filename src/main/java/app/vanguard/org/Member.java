package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A Party member (党员) on a branch's roster, and the account they sign in with. */
@MappedEntity("member")
public record Member(@Id @GeneratedValue @Nullable Long id,
                     String phone,
                     String name,
                     @Nullable String passwordHash,
                     boolean passwordChangeRequired,
                     @Nullable Long branchId,
                     @Nullable Long groupId,
                     MemberStatus status,
                     @Nullable LocalDate joinedOn,
                     @Nullable String employer,
                     @Nullable String position,
                     boolean enabled,
                     @Nullable String wechatOpenid,
                     Instant createdAt,
                     Instant updatedAt) {
}
