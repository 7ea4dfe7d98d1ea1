package app.vanguard.reading;

import app.vanguard.reading.ReadingViews.FavouriteView;
import app.vanguard.reading.ReadingViews.Visibility;
import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Study notes (学习心得) and favourites as stored. */
@Singleton
public class NoteStore {

    /** A note as stored; the author's name is the org feature's. */
    record Note(long id, long articleId, String articleLabel, long authorId, Visibility visibility, String body,
                Instant createdAt) {
    }

    private static final String NOTE = "SELECT n.id, n.article_id, a.label, n.member_id, n.visibility, n.body, "
            + "n.created_at_ms FROM reading_note n JOIN reading_article a ON a.id = n.article_id ";

    private final Sql sql;

    public NoteStore(Sql sql) {
        this.sql = sql;
    }

    long add(long memberId, Long branchId, long articleId, Visibility visibility, String body, long createdAtMs) {
        return sql.insert("INSERT INTO reading_note (member_id, branch_id, article_id, visibility, body, created_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?)", memberId, branchId, articleId, visibility, body, createdAtMs);
    }

    Optional<Note> note(long id) {
        return sql.one(NOTE + "WHERE n.id = ?", NoteStore::note, id);
    }

    /** The member's notes on the article and those the branch shares on it, newest first. */
    List<Note> forArticle(long articleId, long memberId, long branchId, int limit, long offset) {
        return sql.list(NOTE + "WHERE n.article_id = ? AND (n.member_id = ? OR (n.visibility = 'BRANCH' "
                + "AND n.branch_id = ?)) ORDER BY n.created_at_ms DESC, n.id DESC LIMIT ? OFFSET ?", NoteStore::note,
                articleId, memberId, branchId, limit, offset);
    }

    long countForArticle(long articleId, long memberId, long branchId) {
        return sql.count("SELECT COUNT(*) FROM reading_note n WHERE n.article_id = ? AND (n.member_id = ? "
                + "OR (n.visibility = 'BRANCH' AND n.branch_id = ?))", articleId, memberId, branchId);
    }

    List<Note> sharedInBranch(long branchId, int limit, long offset) {
        return sql.list(NOTE + "WHERE n.branch_id = ? AND n.visibility = 'BRANCH' "
                + "ORDER BY n.created_at_ms DESC, n.id DESC LIMIT ? OFFSET ?", NoteStore::note, branchId, limit,
                offset);
    }

    long countSharedInBranch(long branchId) {
        return sql.count("SELECT COUNT(*) FROM reading_note n WHERE n.branch_id = ? AND n.visibility = 'BRANCH'",
                branchId);
    }

    boolean delete(long noteId, long memberId) {
        return sql.update("DELETE FROM reading_note WHERE id = ? AND member_id = ?", noteId, memberId) > 0;
    }

    void favourite(long memberId, long articleId, long createdAtMs) {
        sql.update("INSERT IGNORE INTO reading_favourite (member_id, article_id, created_at_ms) VALUES (?, ?, ?)",
                memberId, articleId, createdAtMs);
    }

    void unfavourite(long memberId, long articleId) {
        sql.update("DELETE FROM reading_favourite WHERE member_id = ? AND article_id = ?", memberId, articleId);
    }

    boolean isFavourite(long memberId, long articleId) {
        return sql.count("SELECT COUNT(*) FROM reading_favourite WHERE member_id = ? AND article_id = ?",
                memberId, articleId) > 0;
    }

    long countFavourites(long memberId) {
        return sql.count("SELECT COUNT(*) FROM reading_favourite WHERE member_id = ?", memberId);
    }

    List<FavouriteView> favourites(long memberId, int limit, long offset) {
        return sql.list("SELECT f.article_id, a.document_id, d.title, a.label, a.title, f.created_at_ms "
                + "FROM reading_favourite f JOIN reading_article a ON a.id = f.article_id "
                + "JOIN reading_document d ON d.id = a.document_id WHERE f.member_id = ? "
                + "ORDER BY f.created_at_ms DESC, f.article_id DESC LIMIT ? OFFSET ?",
                rs -> new FavouriteView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), memberId, limit, offset);
    }

    private static Note note(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                Visibility.valueOf(rs.getString(5)), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }
}
