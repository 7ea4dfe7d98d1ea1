package app.vanguard.org;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface OrganisationRepository extends CrudRepository<Organisation, Long> {

    @Query("SELECT * FROM organisation WHERE path LIKE CONCAT(:pathPrefix, '%') ORDER BY path")
    List<Organisation> findSubtree(String pathPrefix);

    List<Organisation> findByParentIdAndType(Long parentId, OrgType type);

    List<Organisation> findByParentIdIsNull();

    void updatePath(@io.micronaut.data.annotation.Id Long id, String path);
}
