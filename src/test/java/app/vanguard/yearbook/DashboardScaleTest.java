package app.vanguard.yearbook;

import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard of a 2 000-branch subtree (5 members each, with dues amounts and reading days) as one .xlsx request:
 * the time is printed (README records it); the test fails only far above the 2 s target (a shared 2-core machine).
 */
@MicronautTest(transactional = false)
class DashboardScaleTest extends ApiTestBase {

    @Inject
    BulkSeed seed;

    @Test
    void aTwoThousandBranchSubtreeReportsInOneRequest() throws Exception {
        Organisation committee = fixtures.committee();
        String prefix = "17" + (100 + ThreadLocalRandom.current().nextInt(900));
        assertEquals(2000, seed.branchesWithMembers(committee.id(), committee.path(), 2000, 5, prefix,
                TestDates.now().truncatedTo(ChronoUnit.MILLIS), TestDates.today()));
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String path = "/orgs/" + committee.id() + "/dashboard?from=" + TestDates.today().withDayOfYear(1) + "&to="
                + TestDates.today() + "&format=xlsx";
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(server.getURI().resolve(path.replace(
                    "&format=xlsx", ""))).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode());
            System.out.println("dashboard JSON, 2000 branches / 10000 members, run " + (i + 1) + ": "
                    + (System.nanoTime() - started) / 1_000_000 + " ms, " + json.body().length() + " characters");
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.getURI().resolve(path))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, r.statusCode());
            assertTrue(r.body().length > 10_000);
            System.out.println("dashboard .xlsx, 2000 branches / 10000 members, run " + (i + 1) + ": " + ms + " ms, "
                    + r.body().length + " bytes");
            best = Math.min(best, ms);
        }
        System.out.println("dashboard .xlsx, 2000 branches: best of 5 = " + best + " ms");
        assertTrue(best < 10_000, "far above the 2 s target: " + best + " ms");
    }
}
