package app.vanguard;

import app.vanguard.dev.EmbeddedServers;
import io.micronaut.runtime.Micronaut;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the service. With no DB_URL / REDIS_URI in the environment and the embedded-server libraries on the class
 * path (the README's run command), it first starts real MariaDB and Redis on 127.0.0.1 with data kept in
 * {@code vanguard.dev.dir}, and loads the demo data. The production jar has no such libraries and needs the env vars.
 */
public class Application {

    public static void main(String[] args) {
        Map<String, Object> properties = new HashMap<>();
        boolean external = System.getenv("DB_URL") != null || System.getenv("REDIS_URI") != null;
        String devDir = System.getProperty("vanguard.dev.dir");
        if (!external && devDir != null && EmbeddedServers.available()) {
            EmbeddedServers servers = EmbeddedServers.start(Path.of(devDir), 3307, 6380);
            properties.putAll(servers.properties());
            properties.put("vanguard.demo-data.enabled", true);
        }
        Micronaut.build(args).mainClass(Application.class).properties(properties).start();
    }
}
