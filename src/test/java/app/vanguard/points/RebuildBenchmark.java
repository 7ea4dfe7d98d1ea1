package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Fixtures;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Times the rebuild of a subtree's boards ({@link BoardSync#rebuild}, clearing first, as the admin job does) from a
 * ledger of {@code rebuild.bench.members} members in {@code rebuild.bench.branches} branches, one entry each: in
 * a day long before the base date (all-time boards only), or with {@code -Drebuild.bench.today=true} dated today (day, week, month and all time,
 * as bench/scenarios/leaderboard.sh seeds it). Runs against the test JVM's servers (embedded MariaDB and Redis
 * unless DB_URL/REDIS_URI are set). Not a timed test: skipped unless -Drebuild.bench=true, e.g.
 * {@code ./mvnw -B -q clean verify -Dtest=RebuildBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Drebuild.bench=true}
 * then read target/surefire-reports/app.vanguard.points.RebuildBenchmark-output.txt.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "rebuild.bench", matches = "true")
class RebuildBenchmark {

    private static final int MEMBERS = Integer.getInteger("rebuild.bench.members", 200_000);
    private static final int BRANCHES = Integer.getInteger("rebuild.bench.branches", 400);
    private static final int ROUNDS = Integer.getInteger("rebuild.bench.rounds", 3);
    private static final boolean TODAY = Boolean.getBoolean("rebuild.bench.today");

    @Inject
    Fixtures fixtures;

    @Inject
    PointsBenchmark.Seeder seeder;

    @Inject
    BoardSync sync;

    @Inject
    Boards boards;

    @Inject
    Redater redater;

    @Inject
    StatefulRedisConnection<String, String> redis;

    @Inject
    Clock clock;

    @Test
    void run() {
        Organisation committee = fixtures.committee();
        Member template = fixtures.member(fixtures.branch(committee));
        long t0 = System.nanoTime();
        seeder.seed(committee, template, MEMBERS, BRANCHES);
        if (TODAY) {
            redater.toToday(BusinessTime.today(clock));
        }
        System.out.printf("rebuild-bench seed %d members (%s): %.1f s%n", MEMBERS, TODAY ? "dated today" : "dated " + PointsBenchmark.SEED_DAY,
                (System.nanoTime() - t0) / 1e9);
        for (int round = 1; round <= ROUNDS; round++) {
            redis.sync().configResetstat();
            t0 = System.nanoTime();
            BoardSync.RebuildResult result = sync.rebuild(committee, true, BoardSync.Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("rebuild-bench round %d: %d members, %d boards in %.2f s = %.0f members/s%n", round,
                    result.members(), result.boards(), seconds, result.members() / seconds);
            // Redis's own time for the scripts, to tell its share from the service's.
            for (String line : redis.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_evalsha") || line.startsWith("cmdstat_del")) {
                    System.out.println("rebuild-bench round " + round + " redis " + line);
                }
            }
            assertEquals(MEMBERS, boards.size(BoardSync.board(committee.id(), Period.ALL, TestDates.today())));
        }
    }

    /** Moves the seeded entries to today. */
    @Singleton
    static class Redater {
        private final JdbcOperations jdbc;

        Redater(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void toToday(LocalDate today) {
            jdbc.prepareStatement("UPDATE points_entry SET business_date = ? WHERE reference = 'bench:seed'", ps -> {
                ps.setDate(1, java.sql.Date.valueOf(today));
                return ps.executeUpdate();
            });
            jdbc.prepareStatement("DELETE FROM points_board_day WHERE business_date = ?", ps -> {
                ps.setDate(1, java.sql.Date.valueOf(PointsBenchmark.SEED_DAY));
                return ps.executeUpdate();
            });
            jdbc.prepareStatement(PointsBenchmark.FIGURES_OF_SEED_DAY, java.sql.PreparedStatement::executeUpdate);
        }
    }
}
