package app.vanguard.reading;

import app.vanguard.reading.ReadingViews.PlanDocument;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Daily reading plans as stored: at most one per organisation. */
@Singleton
public class PlanStore {

    /** A plan as stored. */
    record Plan(long id, long orgId, int articlesPerDay, LocalDate startDate, List<Long> documentIds,
                long updatedAtMs) {
    }

    private final Sql sql;

    public PlanStore(Sql sql) {
        this.sql = sql;
    }

    boolean documentExists(long documentId) {
        return sql.count("SELECT COUNT(*) FROM reading_document WHERE id = ?", documentId) > 0;
    }

    Optional<PlanDocument> document(long documentId) {
        return sql.one("SELECT id, title, article_count FROM reading_document WHERE id = ?",
                rs -> new PlanDocument(rs.getLong(1), rs.getString(2), rs.getInt(3)), documentId);
    }

    /** Sets (replaces) the organisation's plan. */
    void set(long orgId, int articlesPerDay, LocalDate startDate, List<Long> documentIds, long setBy, long atMs) {
        String joined = String.join(",", documentIds.stream().map(String::valueOf).toList());
        sql.update("INSERT INTO reading_plan (org_id, articles_per_day, start_date, document_ids, set_by, updated_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE articles_per_day = VALUES(articles_per_day), "
                + "start_date = VALUES(start_date), document_ids = VALUES(document_ids), set_by = VALUES(set_by), "
                + "updated_at_ms = VALUES(updated_at_ms)", orgId, articlesPerDay, startDate, joined, setBy, atMs);
    }

    boolean delete(long orgId) {
        return sql.update("DELETE FROM reading_plan WHERE org_id = ?", orgId) > 0;
    }

    /** The plans set on any of the organisations. */
    List<Plan> setOn(List<Long> orgIds) {
        if (orgIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", orgIds.stream().map(id -> "?").toList());
        return sql.list("SELECT id, org_id, articles_per_day, start_date, document_ids, updated_at_ms FROM reading_plan "
                + "WHERE org_id IN (" + in + ")", rs -> new Plan(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                rs.getDate(4).toLocalDate(), Arrays.stream(rs.getString(5).split(",")).map(Long::valueOf).toList(),
                rs.getLong(6)), orgIds.toArray());
    }
}
