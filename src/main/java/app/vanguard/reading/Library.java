package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.reading.ReadingViews.ArticleBrief;
import app.vanguard.reading.ReadingViews.ArticleView;
import app.vanguard.reading.ReadingViews.DocumentDetail;
import app.vanguard.reading.ReadingViews.DocumentKind;
import app.vanguard.reading.ReadingViews.DocumentView;
import app.vanguard.reading.ReadingViews.SectionView;
import app.vanguard.shared.ApiException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the content library: documents, their sections and articles. */
@Singleton
public class Library {

    /** An article row with what the reading rules need. */
    record ArticleRow(long id, long documentId, String documentTitle, Long sectionId, String label, String title,
                      String body, int charCount, int ordinal, boolean retired, Long successorId) {
    }

    private static final String ARTICLE_COLUMNS = "a.id, a.document_id, d.title AS document_title, a.section_id, "
            + "a.label, a.title, a.body, a.char_count, a.ordinal, a.retired, a.successor_id";

    private final Sql sql;
    private final ReadingSettings config;

    public Library(Sql sql, ReadingSettings config) {
        this.sql = sql;
        this.config = config;
    }

    @Transactional(readOnly = true)
    public List<DocumentView> documents() {
        return sql.list("SELECT id, doc_key, title, kind, revision, article_count, char_count FROM reading_document "
                + "ORDER BY id", Library::documentView);
    }

    @Transactional(readOnly = true)
    public DocumentDetail document(long id) {
        DocumentView d = sql.one("SELECT id, doc_key, title, kind, revision, article_count, char_count "
                + "FROM reading_document WHERE id = ?", Library::documentView, id)
                .orElseThrow(() -> ApiException.notFound("Document " + id));
        String frontMatter = sql.one("SELECT front_matter FROM reading_document WHERE id = ?", rs -> rs.getString(1), id)
                .orElse(null);
        List<SectionView> sections = sql.list("SELECT id, label, title FROM reading_section WHERE document_id = ? "
                + "AND revision = ? ORDER BY ordinal", rs -> new SectionView(rs.getLong(1), rs.getString(2),
                rs.getString(3)), id, d.revision());
        List<ArticleBrief> articles = sql.list("SELECT id, document_id, section_id, label, title, char_count "
                + "FROM reading_article WHERE document_id = ? AND NOT retired ORDER BY ordinal", Library::brief, id);
        return new DocumentDetail(d.id(), d.key(), d.title(), d.kind(), d.revision(), d.articleCount(), d.charCount(),
                frontMatter == null ? List.of() : Arrays.asList(frontMatter.split("\n")), sections, articles);
    }

    @Transactional(readOnly = true)
    public ArticleView article(long id, long memberId) {
        ArticleRow a = row(id).orElseThrow(() -> ApiException.notFound("Article " + id));
        Long successor = a.successorId();
        // A chain of retirements (revision after revision) ends at a current article.
        for (int hops = 0; successor != null && hops < 20; hops++) {
            Optional<ArticleRow> next = row(successor);
            if (next.isEmpty() || !next.get().retired() || next.get().successorId() == null) {
                break;
            }
            successor = next.get().successorId();
        }
        Long previous = null;
        Long following = null;
        if (!a.retired()) {
            previous = sql.one("SELECT id FROM reading_article WHERE document_id = ? AND NOT retired AND ordinal < ? "
                    + "ORDER BY ordinal DESC LIMIT 1", rs -> rs.getLong(1), a.documentId(), a.ordinal()).orElse(null);
            following = sql.one("SELECT id FROM reading_article WHERE document_id = ? AND NOT retired AND ordinal > ? "
                    + "ORDER BY ordinal LIMIT 1", rs -> rs.getLong(1), a.documentId(), a.ordinal()).orElse(null);
        }
        boolean favourite = sql.count("SELECT COUNT(*) FROM reading_favourite WHERE member_id = ? AND article_id = ?",
                memberId, id) > 0;
        return new ArticleView(a.id(), a.documentId(), a.documentTitle(), a.sectionId(), a.label(), a.title(), a.body(),
                a.charCount(), config.minimumSecondsFor(a.charCount()), a.retired(), a.retired() ? successor : null,
                previous, following, favourite);
    }

    Optional<ArticleRow> row(long id) {
        return sql.one("SELECT " + ARTICLE_COLUMNS + " FROM reading_article a JOIN reading_document d "
                + "ON d.id = a.document_id WHERE a.id = ?", Library::articleRow, id);
    }

    /** The current articles of the documents, in plan order (documents as listed, then document order). */
    List<ArticleBrief> sequence(List<Long> documentIds) {
        List<ArticleBrief> out = new java.util.ArrayList<>();
        for (long documentId : documentIds) {
            out.addAll(sql.list("SELECT id, document_id, section_id, label, title, char_count FROM reading_article "
                    + "WHERE document_id = ? AND NOT retired ORDER BY ordinal", Library::brief, documentId));
        }
        return out;
    }

    static ArticleBrief brief(ResultSet rs) throws SQLException {
        return new ArticleBrief(rs.getLong("id"), rs.getLong("document_id"), Sql.nullableLong(rs, "section_id"),
                rs.getString("label"), rs.getString("title"), rs.getInt("char_count"));
    }

    private static ArticleRow articleRow(ResultSet rs) throws SQLException {
        return new ArticleRow(rs.getLong("id"), rs.getLong("document_id"), rs.getString("document_title"),
                Sql.nullableLong(rs, "section_id"), rs.getString("label"), rs.getString("title"), rs.getString("body"),
                rs.getInt("char_count"), rs.getInt("ordinal"), rs.getBoolean("retired"),
                Sql.nullableLong(rs, "successor_id"));
    }

    private static DocumentView documentView(ResultSet rs) throws SQLException {
        return new DocumentView(rs.getLong("id"), rs.getString("doc_key"), rs.getString("title"),
                DocumentKind.valueOf(rs.getString("kind")), rs.getInt("revision"), rs.getInt("article_count"),
                rs.getInt("char_count"));
    }
}
