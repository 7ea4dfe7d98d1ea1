package app.vanguard.reading;

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

    private final LibraryStore library;
    private final Clock clock;

    public DocumentImporter(LibraryStore library, Clock clock) {
        this.library = library;
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
        Optional<long[]> doc = library.lockDocument(key);
        if (doc.isPresent() && !mayReplace.test(doc.get()[2] < 0 ? null : doc.get()[2])) {
            throw ApiException.forbidden(doc.get()[2] < 0
                    ? "Document " + key + " is in the shared library: only system admins may replace it"
                    : "Document " + key + " belongs to organisation " + doc.get()[2] + ": only its admins may replace it");
        }
        long documentId;
        int revision;
        if (doc.isEmpty()) {
            revision = 1;
            documentId = library.addDocument(key, title, kind, ownerOrgId, frontMatter, now);
        } else {
            documentId = doc.get()[0];
            revision = (int) doc.get()[1] + 1;
        }
        List<Long> sectionIds = new ArrayList<>();
        for (int i = 0; i < parsed.sections().size(); i++) {
            TextSegmenter.Section s = parsed.sections().get(i);
            sectionIds.add(library.addSection(documentId, revision, i, cut(s.label(), 100), cut(s.title(), 500)));
        }
        // Match the new articles to the current ones: unchanged text first, then the same label.
        List<Existing> current = library.currentArticles(documentId).stream().map(e -> new Existing(e.id(), e.label(),
                TextSegmenter.withoutWhitespace(e.body()), e.ordinal())).toList();
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
                library.updateArticle(matched[i], sectionId, i, cut(a.label(), 200), cut(a.title(), 500), a.body(),
                        count, revision);
                newIds.add(matched[i]);
                kept++;
            } else {
                newIds.add(library.addArticle(documentId, sectionId, i, cut(a.label(), 200), cut(a.title(), 500),
                        a.body(), count, revision));
                added++;
            }
        }
        for (Existing gone : unmatched.values()) {
            long successor = newIds.get(Math.min(gone.ordinal(), newIds.size() - 1));
            library.retireArticle(gone.id(), successor);
        }
        library.updateDocument(documentId, title, kind, revision, frontMatter, incoming.size(), chars, now);
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
