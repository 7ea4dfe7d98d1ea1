package app.vanguard.support;

import app.vanguard.dev.EmbeddedServers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real servers of one test JVM, started once and shared by every test context: embedded MariaDB and Redis by
 * default, or external ones when DB_URL and REDIS_URI (with DB_USER / DB_PASSWORD) are set. Tests isolate themselves
 * by data (a fresh branch and members each), never by restarting servers.
 */
public final class TestServers {

    private static Map<String, Object> properties;
    private static String redisUri;
    private static String databaseUrl;
    private static EmbeddedServers embedded;

    private TestServers() {
    }

    public static synchronized Map<String, Object> properties() {
        if (properties == null) {
            Map<String, Object> p = new HashMap<>();
            String dbUrl = System.getenv("DB_URL");
            String redis = System.getenv("REDIS_URI");
            if (dbUrl != null && redis != null) {
                p.put("datasources.default.url", dbUrl);
                p.put("datasources.default.username", env("DB_USER", "root"));
                p.put("datasources.default.password", env("DB_PASSWORD", ""));
                p.put("redis.uri", redis);
            } else {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "vanguard-test-" + ProcessHandle.current().pid());
                embedded = EmbeddedServers.start(dir, 0, 0);
                p.putAll(embedded.properties());
            }
            redisUri = (String) p.get("redis.uri");
            databaseUrl = (String) p.get("datasources.default.url");
            // A test class may point its own context elsewhere (e.g. through a proxy) with vanguard.test.database-url:
            // the configurer's properties are applied last and would otherwise win over the class's own.
            p.put("datasources.default.url", "${vanguard.test.database-url:`" + databaseUrl + "`}");
            p.put("vanguard.wechat.api-base-url", WechatStub.baseUrl());
            p.put("vanguard.wechat.app-id", WechatStub.APP_ID);
            p.put("vanguard.wechat.app-secret", WechatStub.APP_SECRET);
            // Notifications: tests drive the outbox sender themselves (NotificationSender.sendDue) against NotifyStub.
            p.put("vanguard.notification.sender-enabled", "false");
            p.put("vanguard.notification.wechat-api-base-url", NotifyStub.baseUrl());
            p.put("vanguard.notification.wechat-app-id", NotifyStub.APP_ID);
            p.put("vanguard.notification.wechat-app-secret", NotifyStub.APP_SECRET);
            for (app.vanguard.notification.NotificationKind kind : app.vanguard.notification.NotificationKind.values()) {
                p.put("vanguard.notification.wechat-templates." + kind.name(), "tpl-" + kind.name());
            }
            p.put("vanguard.notification.sms-url", NotifyStub.baseUrl() + "/sms/send");
            p.put("vanguard.notification.sms-api-key", NotifyStub.SMS_KEY);
            properties = Map.copyOf(p);
        }
        return properties;
    }

    /** The embedded servers, or none when the suite runs against external ones (DB_URL, REDIS_URI). */
    public static java.util.Optional<EmbeddedServers> embedded() {
        properties();
        return java.util.Optional.ofNullable(embedded);
    }

    /** The JDBC URL of the suite's database. */
    public static String databaseUrl() {
        properties();
        return databaseUrl;
    }

    public static String redisUri() {
        properties();
        return redisUri;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
