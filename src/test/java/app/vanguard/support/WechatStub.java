package app.vanguard.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for WeChat's jscode2session API on 127.0.0.1: each registered login code maps to an openid and
 * may be used once, as with WeChat; unknown or reused codes get errcode 40029. Answers as text/plain, as WeChat does.
 */
public final class WechatStub {

    public static final String APP_ID = "wx-test-app";
    public static final String APP_SECRET = "wx-test-secret";
    private static final Map<String, String> CODES = new ConcurrentHashMap<>();
    private static HttpServer server;

    private WechatStub() {
    }

    public static void register(String code, String openid) {
        CODES.put(code, openid);
    }

    static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/sns/jscode2session", exchange -> {
                Map<String, String> query = new HashMap<>();
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                String openid = APP_ID.equals(query.get("appid")) && APP_SECRET.equals(query.get("secret"))
                        && "authorization_code".equals(query.get("grant_type")) ? CODES.remove(query.get("js_code")) : null;
                String body = openid != null
                        ? "{\"openid\":\"" + openid + "\",\"session_key\":\"c2Vzc2lvbg==\"}"
                        : "{\"errcode\":40029,\"errmsg\":\"invalid code\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
