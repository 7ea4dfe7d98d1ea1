package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
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

    void updateWechatOpenidAndUpdatedAt(@Id Long id, @Nullable String wechatOpenid, Instant updatedAt);

    // ---- the member columns identity declarations (亮身份) own (V40): mobile member, origin, registered
    // organisation, self-registered; identity writes them only through here ----

    @Query("UPDATE member SET self_registered = TRUE, pending_branch_id = :branchId WHERE id = :id")
    void markSelfRegistered(long id, long branchId);

    @Query("SELECT pending_branch_id FROM member WHERE id = :id")
    Optional<Long> findPendingBranchIdById(long id);

    /** A verified declaration puts the member on the branch's roster with what they declared. */
    @Query("UPDATE member SET group_id = CASE WHEN branch_id = :branchId THEN group_id ELSE NULL END, branch_id = :branchId, "
            + "status = :status, joined_on = :joinedOn, employer = :employer, position = :position, mobile = :mobile, "
            + "mobile_origin = :mobileOrigin, registered_org = :registeredOrg, pending_branch_id = NULL, "
            + "updated_at = :updatedAt WHERE id = :id")
    void join(long id, long branchId, String status, @Nullable LocalDate joinedOn, String employer,
              @Nullable String position, boolean mobile, @Nullable String mobileOrigin, String registeredOrg,
              java.time.Instant updatedAt);

    @Query("SELECT mobile FROM member WHERE id = :id")
    Optional<Boolean> findMobileById(long id);
}
