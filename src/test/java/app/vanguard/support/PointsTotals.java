package app.vanguard.support;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Reads a member's ledger total straight from MySQL (for members who can no longer sign in). */
@Singleton
public class PointsTotals {

    private final Sql sql;

    public PointsTotals(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public int totalOf(long memberId) {
        return (int) sql.count("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = ?", memberId);
    }
}
