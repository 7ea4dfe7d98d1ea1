package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Times the rebuild of a subtree's boards from a ledger of {@code rebuild.bench.members} members (one entry each,
 * in 2025: all-time boards only) against the test JVM's servers. Not a timed test: skipped unless
 * -Drebuild.bench=true.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "rebuild.bench", matches = "true")
class RebuildBenchmark {

    private static final int MEMBERS = Integer.getInteger("rebuild.bench.members", 200_000);
    private static final int BRANCHES = Integer.getInteger("rebuild.bench.branches", 400);
    private static final int ROUNDS = Integer.getInteger("rebuild.bench.rounds", 3);

    @Inject
    Fixtures fixtures;

    @Inject
    PointsBenchmark.Seeder seeder;

    @Inject
    BoardSync sync;

    @Inject
    Boards boards;

    @Test
    void run() {
        Organisation committee = fixtures.committee();
        Member template = fixtures.member(fixtures.branch(committee));
        long t0 = System.nanoTime();
        seeder.seed(committee, template, MEMBERS, BRANCHES);
        System.out.printf("rebuild-bench seed %d members: %.1f s%n", MEMBERS, (System.nanoTime() - t0) / 1e9);
        for (int round = 1; round <= ROUNDS; round++) {
            t0 = System.nanoTime();
            BoardSync.RebuildResult result = sync.rebuild(committee, true, BoardSync.Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("rebuild-bench round %d: %d members, %d boards in %.2f s = %.0f members/s%n", round,
                    result.members(), result.boards(), seconds, result.members() / seconds);
            assertEquals(MEMBERS, boards.size(BoardSync.board(committee.id(), Period.ALL, LocalDate.now())));
        }
    }
}
