package app.vanguard.reading;

import app.vanguard.shared.PersonalData;
import app.vanguard.shared.Retention;
import app.vanguard.shared.RetentionSettings;
import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading's personal data: sessions, completions, days, notes, favourites, positions. Retention: a session is
 * deleted {@code vanguard.retention.reading-sessions} after it started (its completion, with the dwell time and
 * points, stays). Erasure deletes notes, favourites, positions and sessions and keeps completions and days (the
 * branch's reading figures count them; their points are in the ledger).
 */
@Singleton
public class ReadingPrivacyStore implements PersonalData, Retention {

    private final Sql sql;

    public ReadingPrivacyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long memberId) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        out.put("readingSessions", sql.rows("SELECT id, article_id, started_at_ms, finished_at_ms FROM reading_session "
                + "WHERE member_id = ? ORDER BY id", memberId));
        out.put("readingCompletions", sql.rows("SELECT article_id, business_date, dwell_ms, points, finished_at_ms "
                + "FROM reading_completion WHERE member_id = ? ORDER BY finished_at_ms", memberId));
        out.put("readingNotes", sql.rows("SELECT id, article_id, visibility, body, created_at_ms FROM reading_note "
                + "WHERE member_id = ? ORDER BY id", memberId));
        out.put("readingFavourites", sql.rows("SELECT article_id, created_at_ms FROM reading_favourite "
                + "WHERE member_id = ? ORDER BY created_at_ms", memberId));
        return out;
    }

    @Override
    public void erase(long memberId) {
        sql.update("DELETE FROM reading_note WHERE member_id = ?", memberId);
        sql.update("DELETE FROM reading_favourite WHERE member_id = ?", memberId);
        sql.update("DELETE FROM reading_position WHERE member_id = ?", memberId);
        sql.update("DELETE FROM reading_session WHERE member_id = ?", memberId);
    }

    @Override
    @Connectable // each bounded statement commits by itself: no long transaction, no locks held between batches
    public int purge(Instant now, RetentionSettings settings) {
        long cutoff = now.minus(settings.getReadingSessions()).toEpochMilli();
        return sql.updateInBatches("DELETE FROM reading_session WHERE started_at_ms < ?", settings.getBatchSize(), cutoff);
    }
}
