package app.vanguard.yearbook;

import app.vanguard.shared.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Seeds a large subtree with bulk SQL (the dashboard's scale test): branches, members, dues amounts, reading. */
@Singleton
public class BulkSeed {

    private final Sql sql;

    public BulkSeed(Sql sql) {
        this.sql = sql;
    }

    /** Adds {@code branches} branches under the committee, each with {@code members} members; answers the branch count. */
    @Transactional
    public int branchesWithMembers(long committeeId, String committeePath, int branches, int members, String phonePrefix,
                                   Instant now, LocalDate today) {
        List<Object[]> orgs = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            orgs.add(new Object[]{committeeId, "规模支部-" + i, now});
        }
        sql.batch("INSERT INTO organisation (parent_id, type, name, path, created_at) VALUES (?, 'BRANCH', ?, '', ?)", orgs);
        sql.update("UPDATE organisation SET path = CONCAT(?, id, '/') WHERE parent_id = ? AND path = ''",
                committeePath, committeeId);
        List<Long> ids = sql.list("SELECT id FROM organisation WHERE parent_id = ? AND type = 'BRANCH' ORDER BY id",
                rs -> rs.getLong(1), committeeId);
        List<Object[]> rows = new ArrayList<>();
        int n = 0;
        for (Long branchId : ids) {
            for (int j = 0; j < members; j++) {
                rows.add(new Object[]{phonePrefix + String.format("%06d", n++), "党员" + n, branchId, now, now});
            }
        }
        for (int i = 0; i < rows.size(); i += 2000) {
            sql.batch("INSERT INTO member (phone, name, branch_id, status, enabled, created_at, updated_at) "
                    + "VALUES (?, ?, ?, 'FULL', TRUE, ?, ?)", rows.subList(i, Math.min(rows.size(), i + 2000)));
        }
        List<Long> memberIds = sql.list("SELECT m.id FROM member m JOIN organisation o ON o.id = m.branch_id "
                + "WHERE o.parent_id = ?", rs -> rs.getLong(1), committeeId);
        List<Object[]> rates = new ArrayList<>();
        List<Object[]> reads = new ArrayList<>();
        for (Long id : memberIds) {
            rates.add(new Object[]{id, today.withDayOfMonth(1).minusMonths(3), 2000, id, now});
            reads.add(new Object[]{id, today, id, 60_000L, now.toEpochMilli()});
        }
        for (int i = 0; i < memberIds.size(); i += 2000) {
            sql.batch("INSERT INTO dues_rate (member_id, from_month, amount_fen, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
                    rates.subList(i, Math.min(rates.size(), i + 2000)));
            sql.batch("INSERT INTO reading_day (member_id, business_date, articles, done) VALUES (?, ?, 1, TRUE)",
                    reads.subList(i, Math.min(reads.size(), i + 2000)).stream()
                            .map(r -> new Object[]{r[0], r[1]}).toList());
        }
        return ids.size();
    }
}
