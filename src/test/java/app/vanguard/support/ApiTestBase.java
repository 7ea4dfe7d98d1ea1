package app.vanguard.support;

import app.vanguard.points.BoardSync;
import app.vanguard.points.Boards;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gives a test an {@link Api} client on the running server and {@link Fixtures} for fresh data. */
public abstract class ApiTestBase {

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected Fixtures fixtures;

    @Inject
    BeanProvider<Boards> boards;

    @Inject
    BeanProvider<BoardSync> boardSync;

    private Api api;

    /**
     * Test classes share one Redis: a class that flushed the boards leaves the watermark missing (the next context's
     * scheduled catch-up then rebuilds every board, answering 503 LEADERBOARD_REBUILDING meanwhile), or ends while a
     * rebuild of every board still runs. Settle that before each test, so a test meets only the rebuilds it starts:
     * run the catch-up now when the watermark is missing, then wait (at most 60 s) while every board is concerned.
     */
    @BeforeEach
    void boardsSettledFromEarlierClasses() throws InterruptedException {
        try {
            Boards b = boards.get();
            if (!b.connected()) {
                return;
            }
            if (b.watermark() == null) {
                boardSync.get().catchUp();
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                Boards.RebuildStatus status = b.rebuildStatus();
                if (!status.watermarkMissing() && (status.jobId() == null || status.jobOrgId() != null)) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (RuntimeException e) {
            // this test's Redis is down or stopped on purpose: there is nothing to settle
        }
    }

    protected Api api() {
        if (api == null) {
            api = new Api(server.getURI());
        }
        return api;
    }

    /**
     * Calls every endpoint in {@code calls} (name → call with a token) as {@code who} and expects {@code status}
     * from each; a 403 must carry the FORBIDDEN code. The access-matrix tests are built on it.
     */
    protected void expectEach(int status, Map<String, BiFunction<Api, String, Api.Response>> calls, String token,
                          String who) {
        calls.forEach((name, call) -> {
            Api.Response response = call.apply(api(), token);
            assertEquals(status, response.status(), who + " → " + name + ": " + response);
            if (status == 403) {
                assertEquals("FORBIDDEN", response.code());
            }
        });
    }
}
