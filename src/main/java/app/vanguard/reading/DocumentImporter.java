package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.reading.ReadingViews.DocumentKind;
import app.vanguard.reading.ReadingViews.ImportResult;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a document into the library, all or nothing (one transaction). A first import creates it (revision 1);
 * importing the same key again makes a new revision that keeps article ids: an article whose text is unchanged keeps
 * its id (even when renumbered), then one with the same label keeps its id (its text is updated); new ones get new ids;
 * those no longer present are retired but stay readable, with {@code successorId} the article now at their place.
 */
@Singleton
public class DocumentImporter {

    static final int MAX_ARTICLES = 5000;
    static final int MAX_ARTICLE_CHARS = 60_000;

    private final Sql sql;
    private final Clock clock;

    public DocumentImporter(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    private record Existing(long id, String label, String compactBody, int ordinal) {
    }

    /** Imports into the shared library (the demo data, the command line): no owner, no permission check. */
    @Transactional
    public ImportResult importText(String key, @Nullable String titleOverride, DocumentKind kind, String text) {
        return importText(key, titleOverride, kind, text, null, owner -> true);
    }

    /**
     * Imports a document owned by {@code ownerOrgId} (null: the shared library), or a new revision of the document
     * with this key if {@code mayReplace} accepts that document's current owner (else 403, nothing written).
     */
    @Transactional
    public ImportResult importText(String key, @Nullable String titleOverride, DocumentKind kind, String text,
                                   @Nullable Long ownerOrgId, java.util.function.Predicate<Long> mayReplace) {
        if (key == null || !key.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw ApiException.invalid("key", "1-100 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        TextSegmenter.Result parsed = TextSegmenter.segment(text == null ? "" : text);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (parsed.articles().isEmpty()) {
            errors.add(new Problem.FieldError(null, null, "the document has no text to read"));
        }
        if (parsed.articles().size() > MAX_ARTICLES) {
            errors.add(new Problem.FieldError(null, null, "at most " + MAX_ARTICLES + " articles per document"));
        }
        for (TextSegmenter.Article a : parsed.articles()) {
            if (a.body().length() > MAX_ARTICLE_CHARS) {
                errors.add(new Problem.FieldError(null, null, "article " + a.label() + " is longer than "
                        + MAX_ARTICLE_CHARS + " characters"));
            }
        }
        String title = titleOverride != null && !titleOverride.isBlank() ? titleOverride.trim() : parsed.title();
        if (title.isEmpty() || title.length() > 300) {
            errors.add(new Problem.FieldError("title", null, "the document needs a title of at most 300 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The document was rejected; nothing was imported", errors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String frontMatter = parsed.frontMatter().isEmpty() ? null : String.join("\n", parsed.frontMatter());
        Optional<long[]> doc = sql.one("SELECT id, revision, owner_org_id FROM reading_document WHERE doc_key = ? FOR UPDATE",
                rs -> new long[]{rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? -1 : rs.getLong(3)}, key);
        if (doc.isPresent() && !mayReplace.test(doc.get()[2] < 0 ? null : doc.get()[2])) {
            throw ApiException.forbidden(doc.get()[2] < 0
                    ? "Document " + key + " is in the shared library: only system admins may replace it"
                    : "Document " + key + " belongs to organisation " + doc.get()[2] + ": only its admins may replace it");
        }
        long documentId;
        int revision;
        if (doc.isEmpty()) {
            revision = 1;
            documentId = sql.insert("INSERT INTO reading_document (doc_key, title, kind, owner_org_id, revision, "
                    + "front_matter, article_count, char_count, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, 0, 0, ?, ?)",
                    key, title, kind, ownerOrgId, frontMatter, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
        } else {
            documentId = doc.get()[0];
            revision = (int) doc.get()[1] + 1;
        }
        List<Long> sectionIds = new ArrayList<>();
        for (int i = 0; i < parsed.sections().size(); i++) {
            TextSegmenter.Section s = parsed.sections().get(i);
            sectionIds.add(sql.insert("INSERT INTO reading_section (document_id, revision, ordinal, label, title) "
                    + "VALUES (?, ?, ?, ?, ?)", documentId, revision, i, cut(s.label(), 100), cut(s.title(), 500)));
        }
        // Match the new articles to the current ones: unchanged text first, then the same label.
        List<Existing> current = sql.list("SELECT id, label, body, ordinal FROM reading_article "
                + "WHERE document_id = ? AND NOT retired ORDER BY ordinal", rs -> new Existing(rs.getLong(1),
                rs.getString(2), TextSegmenter.withoutWhitespace(rs.getString(3)), rs.getInt(4)), documentId);
        List<TextSegmenter.Article> incoming = parsed.articles();
        Long[] matched = new Long[incoming.size()];
        Map<Long, Existing> unmatched = new LinkedHashMap<>();
        current.forEach(e -> unmatched.put(e.id(), e));
        Map<String, List<Existing>> byBody = new HashMap<>();
        current.forEach(e -> byBody.computeIfAbsent(e.compactBody(), k -> new ArrayList<>()).add(e));
        for (int i = 0; i < incoming.size(); i++) {
            List<Existing> same = byBody.get(TextSegmenter.withoutWhitespace(incoming.get(i).body()));
            if (same != null && !same.isEmpty()) {
                matched[i] = same.remove(0).id();
                unmatched.remove(matched[i]);
            }
        }
        Map<String, Existing> byLabel = new HashMap<>();
        unmatched.values().forEach(e -> byLabel.putIfAbsent(e.label(), e));
        for (int i = 0; i < incoming.size(); i++) {
            if (matched[i] == null) {
                Existing e = byLabel.remove(incoming.get(i).label());
                if (e != null && unmatched.containsKey(e.id())) {
                    matched[i] = e.id();
                    unmatched.remove(e.id());
                }
            }
        }
        int kept = 0;
        int added = 0;
        long chars = 0;
        List<Long> newIds = new ArrayList<>();
        for (int i = 0; i < incoming.size(); i++) {
            TextSegmenter.Article a = incoming.get(i);
            Long sectionId = a.sectionIndex() < 0 ? null : sectionIds.get(a.sectionIndex());
            int count = TextSegmenter.charCount(a.body());
            chars += count;
            if (matched[i] != null) {
                sql.update("UPDATE reading_article SET section_id = ?, ordinal = ?, label = ?, title = ?, body = ?, "
                        + "char_count = ?, revision_seen = ? WHERE id = ?", sectionId, i, cut(a.label(), 200),
                        cut(a.title(), 500), a.body(), count, revision, matched[i]);
                newIds.add(matched[i]);
                kept++;
            } else {
                newIds.add(sql.insert("INSERT INTO reading_article (document_id, section_id, ordinal, label, title, "
                        + "body, char_count, revision_added, revision_seen, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "FALSE)", documentId, sectionId, i, cut(a.label(), 200), cut(a.title(), 500), a.body(), count,
                        revision, revision));
                added++;
            }
        }
        for (Existing gone : unmatched.values()) {
            long successor = newIds.get(Math.min(gone.ordinal(), newIds.size() - 1));
            sql.update("UPDATE reading_article SET retired = TRUE, successor_id = ? WHERE id = ?", successor, gone.id());
        }
        sql.update("UPDATE reading_document SET title = ?, kind = ?, revision = ?, front_matter = ?, article_count = ?, "
                + "char_count = ?, updated_at = ? WHERE id = ?", title, kind, revision, frontMatter, incoming.size(),
                chars, java.sql.Timestamp.from(now), documentId);
        return new ImportResult(documentId, key, title, kind, revision, parsed.sections().size(), incoming.size(), kept,
                added, unmatched.size(), parsed.frontMatter());
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
