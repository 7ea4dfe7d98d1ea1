package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** A badge (党员示范户 / 党员先锋岗 / 党员责任区) with its public verification token. */
@MappedEntity("badge")
public record Badge(@Id @GeneratedValue @Nullable Long id,
                    long memberId,
                    long branchId,
                    BadgeType type,
                    String title,
                    LocalDate validFrom,
                    LocalDate validUntil,
                    String token,
                    long grantedBy,
                    long grantedAtMs,
                    @Nullable Long revokedAtMs,
                    @Nullable Long revokedBy,
                    @Nullable String revokeReason) {

    /** VALID, REVOKED, EXPIRED or NOT_YET_VALID on the given Asia/Shanghai day. */
    public BadgeStatus statusOn(LocalDate day) {
        if (revokedAtMs != null) {
            return BadgeStatus.REVOKED;
        }
        if (day.isAfter(validUntil)) {
            return BadgeStatus.EXPIRED;
        }
        if (day.isBefore(validFrom)) {
            return BadgeStatus.NOT_YET_VALID;
        }
        return BadgeStatus.VALID;
    }
}
