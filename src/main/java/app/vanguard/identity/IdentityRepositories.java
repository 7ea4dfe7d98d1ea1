package app.vanguard.identity;

import app.vanguard.org.Member;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The identity feature's repositories. */
public final class IdentityRepositories {

    private IdentityRepositories() {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface DeclarationRepository extends CrudRepository<Declaration, Long> {

        List<Declaration> findByMemberIdOrderByIdDesc(long memberId);

        long countByMemberIdAndStateIn(long memberId, Collection<DeclarationState> states);

        @Query(value = "SELECT * FROM declaration WHERE branch_id = :branchId AND (:state IS NULL OR state = :state) "
                + "ORDER BY submitted_at_ms DESC, id DESC LIMIT :limit OFFSET :offset")
        List<Declaration> findForBranch(long branchId, @Nullable String state, int limit, long offset);

        @Query("SELECT COUNT(*) FROM declaration WHERE branch_id = :branchId AND (:state IS NULL OR state = :state)")
        long countForBranch(long branchId, @Nullable String state);

        /** Moves a declaration out of SUBMITTED; 0 when it was not SUBMITTED (any more). */
        @Query("UPDATE declaration SET state = :toState, decided_at_ms = :atMs, decided_by = :actorId, "
                + "reject_reason = :reason WHERE id = :id AND state = 'SUBMITTED'")
        int decide(long id, String toState, long atMs, long actorId, @Nullable String reason);

        @Query("UPDATE declaration SET state = 'SUBMITTED', branch_id = :branchId, membership_status = :membershipStatus, "
                + "joined_on = :joinedOn, registered_org = :registeredOrg, mobile = :mobile, mobile_origin = :mobileOrigin, "
                + "workplace = :workplace, position = :position, duties = :duties, id_card_hash = :idCardHash, "
                + "id_card_last4 = :idCardLast4, submitted_at_ms = :atMs, reject_reason = NULL, decided_at_ms = NULL, "
                + "decided_by = NULL WHERE id = :id AND state = 'REJECTED'")
        int resubmit(long id, long branchId, String membershipStatus, @Nullable LocalDate joinedOn, String registeredOrg,
                     boolean mobile, @Nullable String mobileOrigin, String workplace, @Nullable String position,
                     @Nullable String duties, @Nullable String idCardHash, @Nullable String idCardLast4, long atMs);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface DeclarationEventRepository extends CrudRepository<DeclarationEvent, Long> {

        List<DeclarationEvent> findByDeclarationIdOrderById(long declarationId);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface CommitmentRepository extends CrudRepository<Commitment, Long> {

        List<Commitment> findByDeclarationIdOrderByPositionNo(long declarationId);

        @Query("SELECT c.* FROM commitment c JOIN declaration d ON d.id = c.declaration_id "
                + "WHERE c.member_id = :memberId AND d.state = 'VERIFIED' ORDER BY c.declaration_id DESC, c.position_no")
        List<Commitment> findTrackedOfMember(long memberId);

        @Query("SELECT c.* FROM commitment c JOIN declaration d ON d.id = c.declaration_id "
                + "WHERE c.branch_id = :branchId AND d.state = 'VERIFIED' ORDER BY c.member_id, c.declaration_id, c.position_no "
                + "LIMIT :limit OFFSET :offset")
        List<Commitment> findTrackedOfBranch(long branchId, int limit, long offset);

        @Query("SELECT COUNT(*) FROM commitment c JOIN declaration d ON d.id = c.declaration_id "
                + "WHERE c.branch_id = :branchId AND d.state = 'VERIFIED'")
        long countTrackedOfBranch(long branchId);

        @Query("UPDATE commitment SET status = :status, note = :note, updated_at_ms = :atMs WHERE id = :id")
        void updateProgress(long id, String status, @Nullable String note, long atMs);

        @Query("DELETE FROM commitment WHERE declaration_id = :declarationId")
        void deleteOfDeclaration(long declarationId);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface CommitmentUpdateRepository extends CrudRepository<CommitmentUpdate, Long> {

        List<CommitmentUpdate> findByCommitmentIdOrderById(long commitmentId);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface CommitmentReviewRepository extends CrudRepository<CommitmentReview, Long> {

        List<CommitmentReview> findByCommitmentIdOrderByReviewYear(long commitmentId);

        Optional<CommitmentReview> findByCommitmentIdAndReviewYear(long commitmentId, int reviewYear);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface BadgeRepository extends CrudRepository<Badge, Long> {

        Optional<Badge> findByToken(String token);

        List<Badge> findByMemberIdOrderByIdDesc(long memberId);

        @Query("SELECT * FROM badge WHERE branch_id = :branchId ORDER BY id DESC LIMIT :limit OFFSET :offset")
        List<Badge> findForBranch(long branchId, int limit, long offset);

        long countByBranchId(long branchId);

        @Query("UPDATE badge SET revoked_at_ms = :atMs, revoked_by = :actorId, revoke_reason = :reason "
                + "WHERE id = :id AND revoked_at_ms IS NULL")
        int revoke(long id, long atMs, long actorId, @Nullable String reason);
    }
}
