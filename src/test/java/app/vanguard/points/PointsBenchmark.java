package app.vanguard.points;

import app.vanguard.support.TestDates;
import app.vanguard.org.Member;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.Organisation;
import app.vanguard.shared.BusinessTime;
import app.vanguard.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The points benchmark (not a timed test: skipped unless -Dpoints.bench=true; run by bench/points.sh against
 * Debian's MariaDB and Redis, beside redis-benchmark on the same Redis). Builds an all-time board of
 * {@code points.bench.members} (1 000 000) members from a ledger of as many entries, then measures award throughput
 * through {@link PointsService#award} and rank-lookup latency end to end over HTTP ({@code GET /leaderboards/{org}/me},
 * JWT included). Writes target/points-bench.properties.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "points.bench", matches = "true")
class PointsBenchmark {

    /** The figures the awards keep beside the ledger (points_board_day/_total), for the seeded entries. */
    static final String FIGURES_OF_SEED_DAY = "INSERT INTO points_board_day (member_id, business_date, branch_id, points, "
            + "reached_at_ms) SELECT member_id, business_date, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry "
            + "WHERE reference = 'bench:seed' GROUP BY member_id, business_date, branch_id";
    static final String FIGURES_OF_SEED_TOTAL = "INSERT INTO points_board_total (member_id, branch_id, points, "
            + "reached_at_ms) SELECT member_id, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry "
            + "WHERE reference = 'bench:seed' GROUP BY member_id, branch_id";
    /** The day the seeded ledger entries are dated: 550 days before the suite's base date. */
    static final java.time.LocalDate SEED_DAY = TestDates.day(-550);
    static final long SEED_DAY_MS = SEED_DAY.atStartOfDay(TestDates.SHANGHAI).toInstant().toEpochMilli();

    private static final int MEMBERS = Integer.getInteger("points.bench.members", 1_000_000);
    private static final int BRANCHES = Integer.getInteger("points.bench.branches", 2_000);
    private static final int SECONDS = Integer.getInteger("points.bench.seconds", 15);
    private static final int THREADS = Integer.getInteger("points.bench.threads", 32);

    @Inject
    Fixtures fixtures;

    @Inject
    Seeder seeder;

    @Inject
    PointsService points;

    @Inject
    BoardSync sync;

    @Inject
    Boards boards;

    @Inject
    MemberRepository members;

    @Inject
    EmbeddedServer server;

    @Inject
    Clock clock;

    private final Map<String, String> results = new LinkedHashMap<>();

    @Test
    void run() throws Exception {
        Organisation committee = fixtures.committee();
        Member template = fixtures.member(fixtures.branch(committee));
        long t0 = System.nanoTime();
        long[] ids = seeder.seed(committee, template, MEMBERS, BRANCHES);
        results.put("seed_seconds", secs(t0));

        t0 = System.nanoTime();
        BoardSync.RebuildResult rebuilt = sync.rebuild(committee, true, BoardSync.Progress.NONE);
        double rebuildSeconds = (System.nanoTime() - t0) / 1e9;
        results.put("rebuild_seconds", String.format("%.1f", rebuildSeconds));
        results.put("rebuild_members", Integer.toString(rebuilt.members()));
        results.put("rebuild_members_per_second", String.format("%.0f", rebuilt.members() / rebuildSeconds));
        Boards.Board all = BoardSync.board(committee.id(), Period.ALL, TestDates.today());
        long size = boards.size(all);
        results.put("board_size", Long.toString(size));
        assertEquals(MEMBERS, size);

        // Award throughput: distinct members, each award touches 4 periods × (branch + committee) = 8 boards.
        AtomicLong seq = new AtomicLong();
        Stats awards = load(THREADS, SECONDS, i -> {
            long member = ids[ThreadLocalRandom.current().nextInt(ids.length)];
            points.award(member, PointsAction.CONTEST, "bench:" + seq.incrementAndGet(), 1 + (int) (member % 50));
            return true;
        });
        awards.put("award", results);

        // Rank lookup in-process (Redis round trip + parsing only).
        Stats direct = load(THREADS, SECONDS, i -> {
            boards.around(all, ids[ThreadLocalRandom.current().nextInt(ids.length)], 2);
            return true;
        });
        direct.put("rank_direct", results);

        // Rank lookup end to end: HTTP + JWT + Redis script + names from MySQL.
        int tokenCount = Math.min(2_000, ids.length);
        List<String> tokens = new ArrayList<>(tokenCount);
        for (int i = 0; i < tokenCount; i++) {
            tokens.add(fixtures.token(members.findById(ids[(int) ((long) i * ids.length / tokenCount)]).orElseThrow()));
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        URI me = server.getURI().resolve("/leaderboards/" + committee.id() + "/me?period=ALL");
        URI top = server.getURI().resolve("/leaderboards/" + committee.id() + "?period=ALL&top=20");
        for (URI uri : List.of(me, top)) {
            load(THREADS, 3, i -> get(http, uri, tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()))));
        }
        load(THREADS, SECONDS, i -> get(http, me, tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()))))
                .put("rank_http", results);
        load(THREADS, SECONDS, i -> get(http, top, tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()))))
                .put("top20_http", results);

        StringBuilder out = new StringBuilder();
        results.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        Files.writeString(Path.of("target/points-bench.properties"), out);
        System.out.println(out);
    }

    private static boolean get(HttpClient http, URI uri, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String secs(long t0) {
        return String.format("%.1f", (System.nanoTime() - t0) / 1e9);
    }

    /** Latencies (µs) and errors of a closed-loop load. */
    record Stats(long[] micros, long errors, double seconds) {
        void put(String name, Map<String, String> results) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            results.put(name + "_per_second", String.format("%.0f", sorted.length / seconds));
            results.put(name + "_p50_ms", String.format("%.2f", pct(sorted, 0.50) / 1000.0));
            results.put(name + "_p99_ms", String.format("%.2f", pct(sorted, 0.99) / 1000.0));
            results.put(name + "_errors", Long.toString(errors));
        }

        private static long pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** {@code threads} workers call {@code op} back to back for {@code seconds}. */
    private static Stats load(int threads, int seconds, IntFunction<Boolean> op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<long[]>> parts = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    boolean ok;
                    try {
                        ok = op.apply(n);
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = (System.nanoTime() - s) / 1000;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> part : parts) {
            all.add(part.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Stats(merged, errors.get(), elapsed);
    }

    /** Bulk data: members in branches under the committee, and one ledger entry each dated long ago (ALL board only). */
    @Singleton
    static class Seeder {
        private final JdbcOperations jdbc;
        private final Clock clock;

        Seeder(JdbcOperations jdbc, Clock clock) {
            this.jdbc = jdbc;
            this.clock = clock;
        }

        @Transactional
        long[] seed(Organisation committee, Member template, int memberCount, int branchCount) {
            jdbc.execute(c -> {
                try (var s = c.createStatement()) {
                    s.execute("CREATE TEMPORARY TABLE bench_seq (n INT PRIMARY KEY)");
                    s.execute("INSERT INTO bench_seq (n) WITH RECURSIVE d(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM d WHERE x < 9) "
                            + "SELECT a.x + 10*b.x + 100*c.x + 1000*e.x + 10000*f.x + 100000*g.x FROM d a, d b, d c, d e, d f, d g");
                    s.execute("INSERT INTO organisation (parent_id, type, name, path, created_at) SELECT " + committee.id()
                            + ", 'BRANCH', CONCAT('bench-branch-', n), '/', NOW(3) FROM bench_seq WHERE n < " + branchCount);
                    s.execute("UPDATE organisation SET path = CONCAT('" + committee.path() + "', id, '/') WHERE parent_id = "
                            + committee.id() + " AND name LIKE 'bench-branch-%'");
                    s.execute("CREATE TEMPORARY TABLE bench_branch (k INT AUTO_INCREMENT PRIMARY KEY, id BIGINT)");
                    s.execute("INSERT INTO bench_branch (id) SELECT id FROM organisation WHERE parent_id = " + committee.id()
                            + " AND name LIKE 'bench-branch-%' ORDER BY id");
                    s.execute("INSERT INTO member (phone, name, password_hash, password_change_required, branch_id, status, "
                            + "enabled, created_at, updated_at) SELECT CONCAT('1990', LPAD(n, 7, '0')), CONCAT('bench-', n), "
                            + "'" + template.passwordHash() + "', FALSE, bb.id, 'FULL', TRUE, NOW(3), NOW(3) FROM bench_seq "
                            + "JOIN bench_branch bb ON bb.k = 1 + MOD(n, " + branchCount + ") WHERE n < " + memberCount);
                    // One entry each, on a day long before the base date (so only all-time boards hold it), points
                    // 1..1000 with many ties.
                    s.execute("INSERT INTO points_entry (member_id, branch_id, action, reference, requested, points, "
                            + "business_date, created_at_ms) SELECT id, branch_id, 'CONTEST', 'bench:seed', 1 + MOD(id * 7919, 1000), "
                            + "1 + MOD(id * 7919, 1000), '" + SEED_DAY + "', " + SEED_DAY_MS + " + MOD(id * 104729, 86400000) "
                            + "FROM member WHERE phone LIKE '1990%'");
                    // The boards' figures beside the ledger, as every award keeps them (V104).
                    s.execute(FIGURES_OF_SEED_DAY);
                    s.execute(FIGURES_OF_SEED_TOTAL);
                }
                return null;
            });
            return jdbc.prepareStatement("SELECT id FROM member WHERE phone LIKE '1990%' ORDER BY id", ps -> {
                List<Long> ids = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids.stream().mapToLong(Long::longValue).toArray();
            });
        }
    }
}
