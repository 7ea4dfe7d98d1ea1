package app.vanguard.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface RefreshTokenRepository extends CrudRepository<RefreshToken, Long> {

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /** Marks a live token used; 1 when this call won the race, 0 when it was already used or revoked. */
    @Query("UPDATE refresh_token SET used_at = :now WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
    int markUsed(long id, Instant now);

    @Query("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :familyId AND revoked_at IS NULL")
    int revokeFamily(String familyId, Instant now);

    @Query("UPDATE refresh_token SET revoked_at = :now WHERE member_id = :memberId AND revoked_at IS NULL")
    int revokeAllOfMember(long memberId, Instant now);
}
