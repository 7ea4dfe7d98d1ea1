package app.vanguard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for WeChat's access-token and subscribe-message APIs and for an SMS provider, on 127.0.0.1.
 * It records every message it receives and fails the next sends on demand ({@link #failWechat}, {@link #failSms}).
 * Tests find their own messages by their members' openids and phones.
 */
public final class NotifyStub {

    public static final String APP_ID = "wx-notify-app";
    public static final String APP_SECRET = "wx-notify-secret";
    public static final String SMS_KEY = "sms-test-key";

    /** One message received: the channel, the access token or API key presented, the JSON body. */
    public record Received(String channel, String credential, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    private static final AtomicInteger WECHAT_FAILURES = new AtomicInteger();
    private static final AtomicInteger SMS_FAILURES = new AtomicInteger();
    private static HttpServer server;

    private NotifyStub() {
    }

    /** The next {@code n} subscribe-message sends answer errcode -1 (system busy). */
    public static void failWechat(int n) {
        WECHAT_FAILURES.set(n);
    }

    /** The next {@code n} SMS sends answer HTTP 503. */
    public static void failSms(int n) {
        SMS_FAILURES.set(n);
    }

    public static int tokensIssued() {
        return TOKENS_ISSUED.get();
    }

    /** Subscribe messages received for the openid. */
    public static List<Received> wechatTo(String openid) {
        return RECEIVED.stream().filter(r -> r.channel().equals("WECHAT") && openid.equals(r.body().path("touser").asText()))
                .toList();
    }

    /** SMS received for the phone. */
    public static List<Received> smsTo(String phone) {
        return RECEIVED.stream().filter(r -> r.channel().equals("SMS") && phone.equals(r.body().path("phone").asText()))
                .toList();
    }

    public static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/cgi-bin/token", exchange -> {
                String q = exchange.getRequestURI().getRawQuery();
                if (q.contains("appid=" + APP_ID) && q.contains("secret=" + APP_SECRET)) {
                    answer(exchange, 200, "{\"access_token\":\"token-" + TOKENS_ISSUED.incrementAndGet()
                            + "\",\"expires_in\":7200}");
                } else {
                    answer(exchange, 200, "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}");
                }
            });
            server.createContext("/cgi-bin/message/subscribe/send", exchange -> {
                String q = exchange.getRequestURI().getRawQuery();
                String token = q.substring(q.indexOf("access_token=") + "access_token=".length());
                if (!token.startsWith("token-")) {
                    answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
                    return;
                }
                if (WECHAT_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer(exchange, 200, "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
                    return;
                }
                RECEIVED.add(new Received("WECHAT", token, JSON.readTree(exchange.getRequestBody())));
                answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
            });
            server.createContext("/sms/send", exchange -> {
                if (SMS_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer(exchange, 503, "{\"error\":\"busy\"}");
                    return;
                }
                RECEIVED.add(new Received("SMS", exchange.getRequestHeaders().getFirst("Authorization"),
                        JSON.readTree(exchange.getRequestBody())));
                answer(exchange, 200, "{\"status\":\"queued\"}");
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
