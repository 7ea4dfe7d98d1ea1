package app.vanguard.support;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;

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
}
