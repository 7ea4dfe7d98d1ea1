package app.vanguard.support;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gives a test an {@link Api} client on the running server and {@link Fixtures} for fresh data. */
public abstract class ApiTestBase {

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected Fixtures fixtures;

    private Api api;

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
