package app.vanguard.points;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Starting a leaderboard rebuild over HTTP and following its job until it ends. */
final class Rebuilds {

    private Rebuilds() {
    }

    static Api.Response start(Api api, String token, Long orgId) {
        return api.post("/admin/leaderboards/rebuild", token, orgId == null ? Map.of() : Map.of("orgId", orgId));
    }

    /**
     * Starts a rebuild, waiting (at most 30 s) while another one holds the lock: the automatic rebuild of a fresh
     * Redis, or one a previous test class left to finish.
     */
    static Api.Response startWhenFree(Api api, String token, Long orgId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Api.Response response = start(api, token, orgId);
            if (response.status() != 409 || System.currentTimeMillis() > deadline) {
                return response;
            }
            sleep(100);
        }
    }

    /** The job's path from a 202 (its Location). */
    static String location(Api.Response started) {
        assertEquals(202, started.status(), started::toString);
        return started.header("Location").orElseThrow(() -> new AssertionError("no Location: " + started));
    }

    /** Polls the job every 50 ms until it is no longer RUNNING (at most 60 s); returns it. */
    static JsonNode awaitEnd(Api api, String token, String location) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Api.Response job = api.get(location, token);
            assertEquals(200, job.status(), job::toString);
            if (!"RUNNING".equals(job.json().path("state").asText())) {
                return job.json();
            }
            if (System.currentTimeMillis() > deadline) {
                fail("Rebuild still running after 60 s: " + job);
            }
            sleep(50);
        }
    }

    /** Starts a rebuild, waits for it and checks it is DONE; returns the job. */
    static JsonNode rebuild(Api api, String token, Long orgId) {
        JsonNode job = awaitEnd(api, token, location(startWhenFree(api, token, orgId)));
        assertEquals("DONE", job.path("state").asText(), job::toString);
        assertTrue(job.has("finishedAt"), job::toString);
        return job;
    }

    /** A rebuild started by a committee's org admin and held by the gated ledger before its first page. */
    record Held(Organisation committee, String admin, String location, String id) {
    }

    /** A committee with one award, and a rebuild of it by its org admin, held at the ledger's gate. */
    static Held startHeld(Api api, Fixtures fixtures, PointsService points, GatedLedger ledger)
            throws InterruptedException {
        Organisation committee = fixtures.committee();
        Member m = fixtures.member(fixtures.branch(committee));
        points.award(m.id(), PointsAction.CONTEST, "contest:1", 10);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        ledger.close();
        Api.Response started = startWhenFree(api, admin, committee.id());
        String location = location(started);
        String id = started.json().path("id").asText();
        ledger.awaitWorkerAtGate();
        return new Held(committee, admin, location, id);
    }

    /**
     * Waits until the boards are settled: no rebuild holds the lock and the watermark exists. An earlier test of the
     * same JVM may have left the boards without their watermark (a flush, a lost Redis) with the automatic rebuild
     * still to run; this runs the catch-up (which starts it) rather than waiting for the schedule.
     */
    static void awaitSettled(Boards boards, BoardSync sync) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Boards.RebuildStatus status = boards.rebuildStatus();
            if (!status.running()) {
                return;
            }
            if (status.jobId() == null) {
                try {
                    sync.catchUp();
                } catch (RuntimeException e) {
                    // another instance of the catch-up holds the lock: wait for it
                }
            }
            sleep(100);
        }
        throw new AssertionError("the boards did not settle within 60 s: " + boards.rebuildStatus());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
