package app.vanguard.org;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface RoleAssignmentRepository extends CrudRepository<RoleAssignment, Long> {

    List<RoleAssignment> findByMemberId(Long memberId);

    List<RoleAssignment> findByOrgIdAndRole(Long orgId, Role role);

    Optional<RoleAssignment> findByMemberIdAndRoleAndOrgId(Long memberId, Role role, Long orgId);
}
