package app.vanguard.shared;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 12: a stalled MySQL (connections open, nothing answers) gives 503 SERVICE_UNAVAILABLE with
 * Retry-After once the driver's socket timeout passes, never a hang or a 500; the service recovers by itself. The
 * database is reached through a tiny TCP proxy in the test that can stop forwarding.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalledDatabaseTest extends ApiTestBase implements TestPropertyProvider {

    private StallingProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        String url = TestServers.databaseUrl();
        URI target = URI.create(url.substring("jdbc:".length()));
        proxy = new StallingProxy(target.getPort());
        Map<String, String> p = new HashMap<>();
        p.put("vanguard.test.database-url", url.replace(":" + target.getPort() + "/", ":" + proxy.port() + "/"));
        p.put("datasources.default.data-source-properties.socketTimeout", "1500");
        p.put("datasources.default.connection-timeout", "1000");
        p.put("datasources.default.validation-timeout", "500");
        return p;
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    @Test
    void aStalledDatabaseAnswers503AndRecovers() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String token = fixtures.token(member);
        assertEquals(200, api().get("/me", token).status());

        proxy.stall(true);
        try {
            long started = System.nanoTime();
            var response = api().get("/me", token);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, response.status(), response::toString);
            assertEquals("SERVICE_UNAVAILABLE", response.code());
            assertTrue(response.header("Retry-After").isPresent(), response::toString);
            // socket timeout 1.5 s (or, for an idle pooled connection, the 0.5 s validation and the 1 s pool wait)
            assertTrue(millis < 4000, "answered in " + millis + " ms");
        } finally {
            proxy.stall(false);
        }
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            status = api().get("/me", token).status();
        }
        assertEquals(200, status, "recovers once the database answers again");
    }

    /** Forwards TCP to the database; while stalled, holds every byte back (both ways) without closing anything. */
    static final class StallingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int targetPort;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean stalled;

        StallingProxy(int targetPort) {
            this.targetPort = targetPort;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accept = new Thread(this::accept, "stalling-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void stall(boolean stall) {
            this.stalled = stall;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        // A chunk read while stalled (or before) waits until forwarding resumes... unless the
                        // connection is dropped meanwhile by the driver's timeout.
                        while (stalled && !from.isClosed()) {
                            Thread.sleep(20);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // either side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "stalling-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed already
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closed already
            }
            sockets.forEach(StallingProxy::closeQuietly);
        }
    }
}
