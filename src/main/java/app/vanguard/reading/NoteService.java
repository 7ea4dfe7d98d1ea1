package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.org.Caller;
import app.vanguard.reading.ReadingViews.FavouriteView;
import app.vanguard.reading.ReadingViews.NoteRequest;
import app.vanguard.reading.ReadingViews.NoteView;
import app.vanguard.reading.ReadingViews.Visibility;
import app.vanguard.shared.ApiException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Study notes (学习心得) and favourites. A PRIVATE note is seen by its author only; a BRANCH note by the members of the
 * author's branch and those who may view the branch (its secretary, committee members, admins above). Nobody else,
 * and never a secretary reading a private note.
 */
@Singleton
public class NoteService {

    static final int MAX_LIST = 200;
    private static final String NOTE_COLUMNS = "n.id, n.article_id, a.label, n.member_id, m.name, n.visibility, n.body, "
            + "n.created_at_ms";

    private final Sql sql;
    private final Library library;
    private final Clock clock;

    public NoteService(Sql sql, Library library, Clock clock) {
        this.sql = sql;
        this.library = library;
        this.clock = clock;
    }

    @Transactional
    public NoteView add(Caller caller, long articleId, NoteRequest request) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        if (request.visibility() == Visibility.BRANCH && caller.branchId() == null) {
            throw ApiException.invalid("visibility", "you are in no branch to share with");
        }
        long id = sql.insert("INSERT INTO reading_note (member_id, branch_id, article_id, visibility, body, created_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?)", caller.memberId(), caller.branchId(), articleId, request.visibility(),
                request.body().trim(), clock.millis());
        return sql.one("SELECT " + NOTE_COLUMNS + " FROM reading_note n JOIN reading_article a ON a.id = n.article_id "
                + "JOIN member m ON m.id = n.member_id WHERE n.id = ?", rs -> note(rs, caller.memberId()), id).orElseThrow();
    }

    /** My notes on the article, and the notes my branch shares on it; newest first. */
    @Transactional(readOnly = true)
    public List<NoteView> forArticle(Caller caller, long articleId) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        return sql.list("SELECT " + NOTE_COLUMNS + " FROM reading_note n JOIN reading_article a ON a.id = n.article_id "
                + "JOIN member m ON m.id = n.member_id WHERE n.article_id = ? AND (n.member_id = ? "
                + "OR (n.visibility = 'BRANCH' AND n.branch_id = ?)) ORDER BY n.created_at_ms DESC, n.id DESC LIMIT "
                + MAX_LIST, rs -> note(rs, caller.memberId()), articleId, caller.memberId(),
                caller.branchId() == null ? -1L : caller.branchId());
    }

    /** A branch's shared notes (never the private ones), newest first. The caller checked the branch may be viewed. */
    @Transactional(readOnly = true)
    public List<NoteView> sharedInBranch(Caller caller, long branchId) {
        return sql.list("SELECT " + NOTE_COLUMNS + " FROM reading_note n JOIN reading_article a ON a.id = n.article_id "
                + "JOIN member m ON m.id = n.member_id WHERE n.branch_id = ? AND n.visibility = 'BRANCH' "
                + "ORDER BY n.created_at_ms DESC, n.id DESC LIMIT " + MAX_LIST, rs -> note(rs, caller.memberId()),
                branchId);
    }

    /** Deletes one of my notes; anyone else's answers 404. */
    @Transactional
    public void delete(Caller caller, long noteId) {
        if (sql.update("DELETE FROM reading_note WHERE id = ? AND member_id = ?", noteId, caller.memberId()) == 0) {
            throw ApiException.notFound("Note " + noteId);
        }
    }

    @Transactional
    public void favourite(Caller caller, long articleId) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        sql.update("INSERT IGNORE INTO reading_favourite (member_id, article_id, created_at_ms) VALUES (?, ?, ?)",
                caller.memberId(), articleId, clock.millis());
    }

    @Transactional
    public void unfavourite(Caller caller, long articleId) {
        library.row(articleId).orElseThrow(() -> ApiException.notFound("Article " + articleId));
        sql.update("DELETE FROM reading_favourite WHERE member_id = ? AND article_id = ?", caller.memberId(), articleId);
    }

    @Transactional(readOnly = true)
    public List<FavouriteView> favourites(Caller caller) {
        return sql.list("SELECT f.article_id, a.document_id, d.title, a.label, a.title, f.created_at_ms "
                + "FROM reading_favourite f JOIN reading_article a ON a.id = f.article_id "
                + "JOIN reading_document d ON d.id = a.document_id WHERE f.member_id = ? "
                + "ORDER BY f.created_at_ms DESC, f.article_id DESC LIMIT " + MAX_LIST,
                rs -> new FavouriteView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), caller.memberId());
    }

    private static NoteView note(ResultSet rs, long me) throws SQLException {
        long author = rs.getLong(4);
        return new NoteView(rs.getLong(1), rs.getLong(2), rs.getString(3), author, rs.getString(5),
                Visibility.valueOf(rs.getString(6)), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), author == me);
    }
}
