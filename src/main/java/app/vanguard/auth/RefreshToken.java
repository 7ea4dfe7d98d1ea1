package app.vanguard.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

@MappedEntity("refresh_token")
public record RefreshToken(@Id @GeneratedValue @Nullable Long id,
                           Long memberId,
                           String familyId,
                           String tokenHash,
                           Instant createdAt,
                           Instant expiresAt,
                           @Nullable Instant usedAt,
                           @Nullable Instant revokedAt) {
}
