package app.vanguard.org;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MemberRepository extends CrudRepository<Member, Long> {

    Optional<Member> findByPhone(String phone);

    Optional<Member> findByWechatOpenid(String wechatOpenid);

    List<Member> findByPhoneIn(List<String> phones);

    @Query(value = "SELECT * FROM member WHERE branch_id = :branchId AND (enabled OR :includeDisabled) "
            + "ORDER BY name, id LIMIT :limit OFFSET :offset")
    List<Member> findRoster(long branchId, boolean includeDisabled, int limit, long offset);

    @Query("SELECT COUNT(*) FROM member WHERE branch_id = :branchId AND (enabled OR :includeDisabled)")
    long countRoster(long branchId, boolean includeDisabled);

    @Query("SELECT m.* FROM member m JOIN organisation o ON o.id = m.branch_id "
            + "WHERE o.path LIKE CONCAT(:pathPrefix, '%') AND (m.name LIKE :pattern OR m.phone LIKE :pattern) "
            + "ORDER BY m.name, m.id LIMIT :limit OFFSET :offset")
    List<Member> searchSubtree(String pathPrefix, String pattern, int limit, long offset);

    @Query("SELECT COUNT(*) FROM member m JOIN organisation o ON o.id = m.branch_id "
            + "WHERE o.path LIKE CONCAT(:pathPrefix, '%') AND (m.name LIKE :pattern OR m.phone LIKE :pattern)")
    long countSearchSubtree(String pathPrefix, String pattern);

    void updatePasswordHashAndPasswordChangeRequiredAndUpdatedAt(@Id Long id, String passwordHash,
                                                                boolean passwordChangeRequired, Instant updatedAt);

    void updateEnabledAndUpdatedAt(@Id Long id, boolean enabled, Instant updatedAt);

    void updateWechatOpenidAndUpdatedAt(@Id Long id, String wechatOpenid, Instant updatedAt);
}
