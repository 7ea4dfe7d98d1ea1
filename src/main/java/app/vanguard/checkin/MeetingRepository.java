package app.vanguard.checkin;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MeetingRepository extends CrudRepository<Meeting, Long> {

    List<Meeting> findByBranchIdAndStartsAtGreaterThanEqualsAndStartsAtLessThanOrderByStartsAt(Long branchId,
                                                                                               Instant from,
                                                                                               Instant to);

    void updateStatusAndClosedAtAndUpdatedAt(@Id Long id, MeetingStatus status, Instant closedAt, Instant updatedAt);

    void updateStatusAndUpdatedAt(@Id Long id, MeetingStatus status, Instant updatedAt);
}
