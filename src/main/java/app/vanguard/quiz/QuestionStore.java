package app.vanguard.quiz;

import app.vanguard.shared.Sql;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The quiz_question table. Callers hold the transaction. */
@Singleton
class QuestionStore {

    private final Sql db;
    private final JsonMapper json;

    QuestionStore(Sql db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    long insert(Question q, long createdBy, long nowMs) {
        return db.insert("INSERT INTO quiz_question (org_id, type, stem, options_json, answer, explanation, difficulty, "
                        + "tags, source_article_id, created_by, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.orgId(), q.type(), q.stem(), q.options().isEmpty() ? null : write(q.options()), q.answer(),
                q.explanation(), q.difficulty(), encodeTags(q.tags()), q.sourceArticleId(), createdBy, nowMs);
    }

    List<Question> page(long orgId, int limit, long offset) {
        return db.list("SELECT * FROM quiz_question WHERE org_id = ? ORDER BY id LIMIT ? OFFSET ?", this::map,
                orgId, limit, offset);
    }

    long count(long orgId) {
        return db.count("SELECT COUNT(*) FROM quiz_question WHERE org_id = ?", orgId);
    }

    Map<Long, Question> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String in = ids.stream().map(i -> "?").collect(Collectors.joining(","));
        Map<Long, Question> out = new HashMap<>();
        for (Question q : db.list("SELECT * FROM quiz_question WHERE id IN (" + in + ")", this::map, ids.toArray())) {
            out.put(q.id(), q);
        }
        return out;
    }

    /** Ids of the questions in the given banks, of one difficulty (or any if null), with one of the tags (or any). */
    List<Long> candidates(List<Long> orgIds, Difficulty difficulty, List<String> tags) {
        StringBuilder sql = new StringBuilder("SELECT id FROM quiz_question WHERE org_id IN (")
                .append(orgIds.stream().map(i -> "?").collect(Collectors.joining(","))).append(")");
        List<Object> args = new java.util.ArrayList<>(orgIds);
        if (difficulty != null) {
            sql.append(" AND difficulty = ?");
            args.add(difficulty.name());
        }
        if (!tags.isEmpty()) {
            sql.append(" AND (").append(tags.stream().map(t -> "tags LIKE ?").collect(Collectors.joining(" OR ")))
                    .append(")");
            tags.forEach(t -> args.add("%," + escapeLike(t) + ",%"));
        }
        return db.list(sql.toString(), rs -> rs.getLong(1), args.toArray());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String encodeTags(List<String> tags) {
        return tags.isEmpty() ? null : "," + String.join(",", tags) + ",";
    }

    static List<String> decodeTags(String tags) {
        return tags == null ? List.of() : Arrays.stream(tags.split(",")).filter(t -> !t.isEmpty()).toList();
    }

    private Question map(ResultSet rs) throws SQLException {
        String options = rs.getString("options_json");
        return new Question(rs.getLong("id"), rs.getLong("org_id"), QuestionType.valueOf(rs.getString("type")),
                rs.getString("stem"), options == null ? List.of() : read(options), rs.getString("answer"),
                rs.getString("explanation"), Difficulty.valueOf(rs.getString("difficulty")),
                decodeTags(rs.getString("tags")), Sql.nullableLong(rs, "source_article_id"));
    }

    private String write(List<String> options) {
        try {
            return json.writeValueAsString(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
