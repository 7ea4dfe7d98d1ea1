package app.vanguard.commendation;

import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-written SQL of commendation rounds and nominations. Runs on the caller's transaction. */
@Singleton
public class CommendationStore {

    private final Sql sql;

    public CommendationStore(Sql sql) {
        this.sql = sql;
    }

    record Round(long id, long orgId, String title, LocalDate deadline, int publicityDays, Instant createdAt) {
    }

    record CategoryCriteria(Category category, String criteria) {
    }

    record Quota(long subOrgId, Category category, int quota) {
    }

    /** Evidence of a member candidate for the year up to the nomination. */
    record Evidence(LocalDate from, LocalDate to, int meetings, int attended, @Nullable Double attendanceRate,
                    long articlesRead, long readingPoints, long points) {
    }

    record Nomination(long id, long roundId, long subOrgId, Category category, int rank, @Nullable Long memberId,
                      @Nullable Long orgId, String deeds, NominationState state, @Nullable LocalDate publicityStartsOn,
                      @Nullable LocalDate publicityEndsOn, int objections, @Nullable String rejectionReason,
                      @Nullable Evidence evidence, long nominatedBy, Instant createdAt, Instant updatedAt) {
    }

    record Event(String action, @Nullable NominationState from, NominationState to, long byMemberId, Instant at,
                 @Nullable String note) {
    }

    // ---- rounds ----

    long insertRound(long orgId, String title, LocalDate deadline, int publicityDays, long by, Instant at) {
        return sql.insert("INSERT INTO commendation_round (org_id, title, deadline, publicity_days, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?)", orgId, title, deadline, publicityDays, by, at);
    }

    void insertCategories(long roundId, List<CategoryCriteria> categories) {
        List<Object[]> rows = new ArrayList<>();
        categories.forEach(c -> rows.add(new Object[]{roundId, c.category(), c.criteria()}));
        sql.batch("INSERT INTO commendation_category (round_id, category, criteria) VALUES (?, ?, ?)", rows);
    }

    void insertQuotas(long roundId, List<Quota> quotas) {
        List<Object[]> rows = new ArrayList<>();
        quotas.forEach(q -> rows.add(new Object[]{roundId, q.subOrgId(), q.category(), q.quota()}));
        sql.batch("INSERT INTO commendation_quota (round_id, sub_org_id, category, quota) VALUES (?, ?, ?, ?)", rows);
    }

    private static Round round(ResultSet rs) throws SQLException {
        return new Round(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getInt(5),
                Sql.instant(rs, "created_at"));
    }

    Optional<Round> round(long id) {
        return sql.one("SELECT id, org_id, title, deadline, publicity_days, created_at FROM commendation_round "
                + "WHERE id = ?", CommendationStore::round, id);
    }

    List<Round> roundsOf(long orgId) {
        return sql.list("SELECT id, org_id, title, deadline, publicity_days, created_at FROM commendation_round "
                + "WHERE org_id = ? ORDER BY id DESC", CommendationStore::round, orgId);
    }

    List<CategoryCriteria> categories(long roundId) {
        return sql.list("SELECT category, criteria FROM commendation_category WHERE round_id = ? ORDER BY category",
                rs -> new CategoryCriteria(Category.valueOf(rs.getString(1)), rs.getString(2)), roundId);
    }

    List<Quota> quotas(long roundId) {
        return sql.list("SELECT sub_org_id, category, quota FROM commendation_quota WHERE round_id = ? "
                + "ORDER BY sub_org_id, category", rs -> new Quota(rs.getLong(1), Category.valueOf(rs.getString(2)),
                rs.getInt(3)), roundId);
    }

    /** The quota row, locked so that nominations of one sub-organisation and category queue behind each other. */
    Optional<Integer> lockQuota(long roundId, long subOrgId, Category category) {
        return sql.one("SELECT quota FROM commendation_quota WHERE round_id = ? AND sub_org_id = ? AND category = ? "
                + "FOR UPDATE", rs -> rs.getInt(1), roundId, subOrgId, category);
    }

    // ---- nominations ----

    long insertNomination(long roundId, long subOrgId, Category category, int rank, @Nullable Long memberId,
                          @Nullable Long orgId, String deeds, @Nullable Evidence e, long by, Instant at) {
        return sql.insert("INSERT INTO nomination (round_id, sub_org_id, category, candidate_rank, candidate_member_id, "
                + "candidate_org_id, deeds, state, evidence_from, evidence_to, meetings, attended, attendance_rate, "
                + "articles_read, reading_points, points, nominated_by, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", roundId, subOrgId, category, rank,
                memberId, orgId, deeds, NominationState.SUBMITTED, e == null ? null : e.from(),
                e == null ? null : e.to(), e == null ? null : e.meetings(), e == null ? null : e.attended(),
                e == null ? null : e.attendanceRate(), e == null ? null : e.articlesRead(),
                e == null ? null : e.readingPoints(), e == null ? null : e.points(), by, at, at);
    }

    private static final String NOMINATION_COLUMNS = "id, round_id, sub_org_id, category, candidate_rank, "
            + "candidate_member_id, candidate_org_id, deeds, state, publicity_starts_on, publicity_ends_on, objections, "
            + "rejection_reason, evidence_from, evidence_to, meetings, attended, attendance_rate, articles_read, "
            + "reading_points, points, nominated_by, created_at, updated_at";

    private static Nomination nomination(ResultSet rs) throws SQLException {
        Evidence evidence = null;
        java.sql.Date from = rs.getDate("evidence_from");
        if (from != null) {
            double rate = rs.getDouble("attendance_rate");
            Double attendanceRate = rs.wasNull() ? null : rate;
            evidence = new Evidence(from.toLocalDate(), rs.getDate("evidence_to").toLocalDate(), rs.getInt("meetings"),
                    rs.getInt("attended"), attendanceRate, rs.getLong("articles_read"), rs.getLong("reading_points"),
                    rs.getLong("points"));
        }
        java.sql.Date ps = rs.getDate("publicity_starts_on");
        java.sql.Date pe = rs.getDate("publicity_ends_on");
        return new Nomination(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("sub_org_id"),
                Category.valueOf(rs.getString("category")), rs.getInt("candidate_rank"),
                Sql.nullableLong(rs, "candidate_member_id"), Sql.nullableLong(rs, "candidate_org_id"),
                rs.getString("deeds"), NominationState.valueOf(rs.getString("state")),
                ps == null ? null : ps.toLocalDate(), pe == null ? null : pe.toLocalDate(), rs.getInt("objections"),
                rs.getString("rejection_reason"), evidence, rs.getLong("nominated_by"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    Optional<Nomination> nomination(long id) {
        return sql.one("SELECT " + NOMINATION_COLUMNS + " FROM nomination WHERE id = ?", CommendationStore::nomination,
                id);
    }

    /** Nominations of a round, by sub-organisation, category and rank; optionally of one sub-organisation/category. */
    List<Nomination> nominations(long roundId, @Nullable Long subOrgId, @Nullable Category category) {
        List<Object> args = new ArrayList<>(List.of(roundId));
        StringBuilder where = new StringBuilder(" WHERE round_id = ?");
        if (subOrgId != null) {
            where.append(" AND sub_org_id = ?");
            args.add(subOrgId);
        }
        if (category != null) {
            where.append(" AND category = ?");
            args.add(category);
        }
        return sql.list("SELECT " + NOMINATION_COLUMNS + " FROM nomination" + where
                + " ORDER BY sub_org_id, category, candidate_rank", CommendationStore::nomination, args.toArray());
    }

    long countNominations(long roundId, long subOrgId, Category category) {
        return sql.count("SELECT COUNT(*) FROM nomination WHERE round_id = ? AND sub_org_id = ? AND category = ?",
                roundId, subOrgId, category);
    }

    /** Moves the nomination from one state to another; false when it was no longer in {@code from}. */
    boolean transition(long id, NominationState from, NominationState to, @Nullable LocalDate publicityStartsOn,
                       @Nullable LocalDate publicityEndsOn, @Nullable String reason, Instant at) {
        return sql.update("UPDATE nomination SET state = ?, "
                + "publicity_starts_on = COALESCE(?, publicity_starts_on), "
                + "publicity_ends_on = COALESCE(?, publicity_ends_on), "
                + "rejection_reason = COALESCE(?, rejection_reason), updated_at = ? WHERE id = ? AND state = ?",
                to, publicityStartsOn, publicityEndsOn, reason, at, id, from) == 1;
    }

    /** Counts an objection while publicised; false when it no longer is. */
    boolean object(long id, Instant at) {
        return sql.update("UPDATE nomination SET objections = objections + 1, updated_at = ? "
                + "WHERE id = ? AND state = 'PUBLICISED'", at, id) == 1;
    }

    void insertEvent(long nominationId, String action, @Nullable NominationState from, NominationState to, long by,
                     Instant at, @Nullable String note) {
        sql.insert("INSERT INTO nomination_event (nomination_id, action, from_state, to_state, by_member_id, at, note) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", nominationId, action, from, to, by, at, note);
    }

    List<Event> events(long nominationId) {
        return sql.list("SELECT action, from_state, to_state, by_member_id, at, note FROM nomination_event "
                + "WHERE nomination_id = ? ORDER BY id", rs -> {
            String from = rs.getString(2);
            return new Event(rs.getString(1), from == null ? null : NominationState.valueOf(from),
                    NominationState.valueOf(rs.getString(3)), rs.getLong(4), Sql.instant(rs, "at"), rs.getString(6));
        }, nominationId);
    }
}
