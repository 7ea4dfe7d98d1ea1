package app.vanguard.points;

import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Retention;
import app.vanguard.shared.RetentionSettings;
import app.vanguard.shared.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Keeps the boards' day figures (points_board_day) only as far back as a board can still read them: the catch-up's
 * retained boards reach back the longest retention plus a month (BoardSync), and a month board starts up to a month
 * before that. Older rows are never read (the ledger keeps every entry, and the all-time figures are in
 * points_board_total), so the table holds about three months of active days per member.
 */
@Singleton
public class BoardFiguresRetention implements Retention {

    private final Sql sql;
    private final BoardSettings boards;

    public BoardFiguresRetention(Sql sql, BoardSettings boards) {
        this.sql = sql;
        this.boards = boards;
    }

    /** The first day still kept at {@code today}: before it no retained board's period starts. */
    LocalDate firstKept(LocalDate today) {
        return today.minusDays(Math.max(boards.getDayRetentionDays(), boards.getPeriodRetentionDays()) + 31L + 31L);
    }

    @Override
    @Connectable
    public int purge(Instant now, RetentionSettings settings) {
        LocalDate before = firstKept(BusinessTime.dateOf(now));
        return sql.updateInBatches("DELETE FROM points_board_day WHERE business_date < ?", settings.getBatchSize(), before);
    }
}
