package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.RetentionSettings;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestClock;
import app.vanguard.support.TestDates;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The boards' figures kept beside the ledger (points_board_day, points_board_total) are the ledger's sums, and the
 * boards show them right after each award with no catch-up (switched off here): the live update reads them inside the
 * award's own transaction. Members awarded on many days and by concurrent requests of different actions; day rows
 * older than any retained board are purged, the all-time figure stays.
 */
@MicronautTest(transactional = false)
@Property(name = "vanguard.points.boards.catch-up-interval", value = "1h")
class BoardFiguresTest extends ApiTestBase {

    @Inject
    PointsService points;

    @Inject
    TestClock clock;

    @Inject
    Rows rows;

    @Inject
    BoardFiguresRetention retention;

    @Inject
    RetentionSettings retentionSettings;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void concurrentAwardsOverManyDaysLeaveTheFiguresAndBoardsEqualToTheLedger() throws Exception {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        Member member = fixtures.member(branch);
        Member other = fixtures.member(branch);
        // A history: one award a day for forty days before the base date.
        for (int d = 40; d >= 1; d--) {
            clock.set(TestDates.at(TestDates.day(-d), 9, 0));
            points.award(member.id(), PointsAction.CHECK_IN, "meeting:history-" + d, 3);
        }
        // Today: two members, four actions each, sixteen requests at once (each action's transaction locks only its
        // own daily total: they meet only on the figures' rows).
        clock.set(TestDates.at(TestDates.today(), 10, 0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<PointsAward>> results = new ArrayList<>();
        for (Member m : List.of(member, other)) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                PointsAction action = List.of(PointsAction.CHECK_IN, PointsAction.READING, PointsAction.DAILY_PRACTICE,
                        PointsAction.CHECK_IN).get(i % 4);
                results.add(pool.submit(() -> points.award(m.id(), action, "figures:" + n, 2)));
            }
        }
        for (Future<PointsAward> r : results) {
            r.get();
        }
        pool.shutdown();

        for (Member m : List.of(member, other)) {
            assertEquals(ledger("SELECT business_date, branch_id, SUM(points) FROM points_entry WHERE member_id = ? "
                            + "AND points > 0 GROUP BY business_date, branch_id ORDER BY business_date", m.id()),
                    ledger("SELECT business_date, branch_id, points FROM points_board_day WHERE member_id = ? "
                            + "ORDER BY business_date", m.id()));
            assertEquals(ledger("SELECT branch_id, SUM(points) FROM points_entry WHERE member_id = ? AND points > 0 "
                    + "GROUP BY branch_id", m.id()), ledger("SELECT branch_id, points FROM points_board_total "
                    + "WHERE member_id = ?", m.id()));
            String token = fixtures.token(m);
            for (String period : List.of("DAY", "WEEK", "MONTH", "ALL")) {
                JsonNode me = api().get("/leaderboards/" + committee.id() + "/me?period=" + period, token).json();
                LocalDate from = switch (period) {
                    case "DAY" -> TestDates.today();
                    case "WEEK" -> Period.WEEK.start(TestDates.today());
                    case "MONTH" -> Period.MONTH.start(TestDates.today());
                    default -> null; // all time
                };
                assertEquals(sum(m.id(), from), me.path("points").asLong(), period + " board of member " + m.id());
            }
        }
    }

    @Test
    void dayFiguresOlderThanAnyBoardArePurgedAndAllTimeKeepsThem() {
        Organisation committee = fixtures.committee();
        Member member = fixtures.member(fixtures.branch(committee));
        LocalDate old = retention.firstKept(TestDates.today()).minusDays(1);
        clock.set(TestDates.at(old, 9, 0));
        points.award(member.id(), PointsAction.CHECK_IN, "meeting:old", 4);
        clock.set(TestDates.at(TestDates.today(), 9, 0));
        points.award(member.id(), PointsAction.CHECK_IN, "meeting:new", 5);

        retention.purge(clock.instant(), retentionSettings);

        assertEquals(List.of(List.of(TestDates.today().toString(), "5")),
                ledger("SELECT business_date, points FROM points_board_day WHERE member_id = ?", member.id()));
        points.award(member.id(), PointsAction.READING, "article:1", 1);
        JsonNode me = api().get("/leaderboards/" + committee.id() + "/me?period=ALL", fixtures.token(member)).json();
        assertEquals(10, me.path("points").asLong());
    }

    /** The member's ledger points from {@code from} on (all time when null). */
    private long sum(long memberId, @io.micronaut.core.annotation.Nullable LocalDate from) {
        return Long.parseLong(ledger("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = ?"
                + (from == null ? "" : " AND business_date >= '" + from + "'"), memberId).get(0).get(0));
    }

    private List<List<String>> ledger(String query, long memberId) {
        return rows.of(query, memberId);
    }

    /** The rows of a query about one member, as strings. */
    @jakarta.inject.Singleton
    static class Rows {
        private final JdbcOperations jdbc;

        Rows(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @io.micronaut.transaction.annotation.Transactional(readOnly = true)
        List<List<String>> of(String query, long memberId) {
            return jdbc.prepareStatement(query, ps -> {
                ps.setLong(1, memberId);
                List<List<String>> out = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int c = 1; c <= columns; c++) {
                            row.add(rs.getString(c));
                        }
                        out.add(row);
                    }
                }
                return out;
            });
        }
    }
}
