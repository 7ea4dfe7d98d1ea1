package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.reading.ReadingViews.ArticleBrief;
import app.vanguard.reading.ReadingViews.ArticleView;
import app.vanguard.reading.ReadingViews.DocumentDetail;
import app.vanguard.reading.ReadingViews.DocumentKind;
import app.vanguard.reading.ReadingViews.DocumentView;
import app.vanguard.reading.ReadingViews.SectionView;
import app.vanguard.shared.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The content library as stored: documents, their sections and articles (read, and written by the importer). */
@Singleton
public class LibraryStore {

    /** An article row with what the reading rules need. */
    record ArticleRow(long id, long documentId, String documentTitle, Long sectionId, String label, String title,
                      String body, int charCount, int ordinal, boolean retired, Long successorId) {
    }

    private static final String ARTICLE_COLUMNS = "a.id, a.document_id, d.title AS document_title, a.section_id, "
            + "a.label, a.title, a.body, a.char_count, a.ordinal, a.retired, a.successor_id";

    private final Sql sql;
    private final ReadingSettings config;

    public LibraryStore(Sql sql, ReadingSettings config) {
        this.sql = sql;
        this.config = config;
    }

    @Transactional(readOnly = true)
    public List<DocumentView> documents() {
        return sql.list("SELECT id, doc_key, title, kind, revision, article_count, char_count FROM reading_document "
                + "ORDER BY id", LibraryStore::documentView);
    }

    @Transactional(readOnly = true)
    public DocumentDetail document(long id) {
        DocumentView d = sql.one("SELECT id, doc_key, title, kind, revision, article_count, char_count "
                + "FROM reading_document WHERE id = ?", LibraryStore::documentView, id)
                .orElseThrow(() -> ApiException.notFound("Document " + id));
        String frontMatter = sql.one("SELECT front_matter FROM reading_document WHERE id = ?", rs -> rs.getString(1), id)
                .orElse(null);
        List<SectionView> sections = sql.list("SELECT id, label, title FROM reading_section WHERE document_id = ? "
                + "AND revision = ? ORDER BY ordinal", rs -> new SectionView(rs.getLong(1), rs.getString(2),
                rs.getString(3)), id, d.revision());
        List<ArticleBrief> articles = sql.list("SELECT id, document_id, section_id, label, title, char_count "
                + "FROM reading_article WHERE document_id = ? AND NOT retired ORDER BY ordinal", LibraryStore::brief, id);
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

    /** An article's document and length: what a finish needs. */
    record ArticleSize(long id, long documentId, int charCount) {
    }

    /** The documents and lengths of the articles, by id (one statement; ids not found are left out). */
    Sql.Step sizes(java.util.Collection<Long> ids, java.util.Map<Long, ArticleSize> out) {
        return Sql.Step.query("SELECT id, document_id, char_count FROM reading_article WHERE id IN ("
                + Sql.placeholders(ids) + ")", rs -> out.put(rs.getLong(1), new ArticleSize(rs.getLong(1),
                rs.getLong(2), rs.getInt(3))), ids.toArray());
    }

    Optional<ArticleRow> row(long id) {
        return sql.one("SELECT " + ARTICLE_COLUMNS + " FROM reading_article a JOIN reading_document d "
                + "ON d.id = a.document_id WHERE a.id = ?", LibraryStore::articleRow, id);
    }

    /** The current articles of the documents, in plan order (documents as listed, then document order). */
    List<ArticleBrief> sequence(List<Long> documentIds) {
        List<ArticleBrief> out = new java.util.ArrayList<>();
        for (long documentId : documentIds) {
            out.addAll(sql.list("SELECT id, document_id, section_id, label, title, char_count FROM reading_article "
                    + "WHERE document_id = ? AND NOT retired ORDER BY ordinal", LibraryStore::brief, documentId));
        }
        return out;
    }

    /** A current article as the importer matches it. */
    record CurrentArticle(long id, String label, String body, int ordinal) {
    }

    /** The document's id, revision and owning organisation (-1: the shared library), locked for the importer. */
    Optional<long[]> lockDocument(String key) {
        return sql.one("SELECT id, revision, owner_org_id FROM reading_document WHERE doc_key = ? FOR UPDATE",
                rs -> new long[]{rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? -1 : rs.getLong(3)}, key);
    }

    long addDocument(String key, String title, DocumentKind kind, Long ownerOrgId, String frontMatter, Instant now) {
        return sql.insert("INSERT INTO reading_document (doc_key, title, kind, owner_org_id, revision, front_matter, "
                + "article_count, char_count, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, 0, 0, ?, ?)",
                key, title, kind, ownerOrgId, frontMatter, Timestamp.from(now), Timestamp.from(now));
    }

    void updateDocument(long documentId, String title, DocumentKind kind, int revision, String frontMatter,
                        int articleCount, long charCount, Instant now) {
        sql.update("UPDATE reading_document SET title = ?, kind = ?, revision = ?, front_matter = ?, article_count = ?, "
                + "char_count = ?, updated_at = ? WHERE id = ?", title, kind, revision, frontMatter, articleCount,
                charCount, Timestamp.from(now), documentId);
    }

    long addSection(long documentId, int revision, int ordinal, String label, String title) {
        return sql.insert("INSERT INTO reading_section (document_id, revision, ordinal, label, title) "
                + "VALUES (?, ?, ?, ?, ?)", documentId, revision, ordinal, label, title);
    }

    List<CurrentArticle> currentArticles(long documentId) {
        return sql.list("SELECT id, label, body, ordinal FROM reading_article WHERE document_id = ? AND NOT retired "
                + "ORDER BY ordinal", rs -> new CurrentArticle(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getInt(4)), documentId);
    }

    void updateArticle(long id, Long sectionId, int ordinal, String label, String title, String body, int charCount,
                       int revision) {
        sql.update("UPDATE reading_article SET section_id = ?, ordinal = ?, label = ?, title = ?, body = ?, "
                + "char_count = ?, revision_seen = ? WHERE id = ?", sectionId, ordinal, label, title, body, charCount,
                revision, id);
    }

    long addArticle(long documentId, Long sectionId, int ordinal, String label, String title, String body,
                    int charCount, int revision) {
        return sql.insert("INSERT INTO reading_article (document_id, section_id, ordinal, label, title, body, "
                + "char_count, revision_added, revision_seen, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                documentId, sectionId, ordinal, label, title, body, charCount, revision, revision);
    }

    void retireArticle(long id, long successorId) {
        sql.update("UPDATE reading_article SET retired = TRUE, successor_id = ? WHERE id = ?", successorId, id);
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
