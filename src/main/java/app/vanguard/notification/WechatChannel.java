package app.vanguard.notification;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat mini-program subscribe messages (订阅消息): {@code POST /cgi-bin/message/subscribe/send} with an access
 * token from {@code GET /cgi-bin/token}, cached until shortly before it expires and fetched again when WeChat says
 * it is no longer valid. The template's data: {@code thing1} the title, {@code thing2} the body (WeChat's 20-character
 * limit), {@code time3} the time.
 */
@Singleton
class WechatChannel implements Channel {

    /** WeChat's errcodes for an invalid or expired access token, and for a member who refused the subscription. */
    private static final int TOKEN_INVALID = 40001;
    private static final int TOKEN_EXPIRED = 42001;
    private static final int REFUSED = 43101;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final NotificationSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
    }

    WechatChannel(NotificationSettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Name name() {
        return Name.WECHAT;
    }

    @Override
    public boolean canReach(Contact contact, NotificationKind kind) {
        return contact.openid() != null && !settings.getWechatAppId().isBlank() && settings.templateOf(kind) != null;
    }

    @Override
    public void send(Contact contact, Message message) throws Failure {
        String template = settings.templateOf(message.kind());
        if (template == null || contact.openid() == null) {
            throw new Failure("no WeChat template or binding any more", true);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thing1", Map.of("value", cut(message.title())));
        data.put("thing2", Map.of("value", cut(message.body())));
        data.put("time3", Map.of("value", TIME.format(LocalDateTime.ofInstant(message.time(),
                app.vanguard.shared.BusinessTime.ZONE))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", contact.openid());
        body.put("template_id", template);
        body.put("page", settings.getWechatPage() + "?link=" + URLEncoder.encode(message.link(), StandardCharsets.UTF_8));
        body.put("data", data);
        Map<?, ?> answer = call(HttpRequest.newBuilder(URI.create(base() + "/cgi-bin/message/subscribe/send?access_token="
                        + enc(accessToken()))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        int code = answer.get("errcode") instanceof Number n ? n.intValue() : 0;
        if (code == TOKEN_INVALID || code == TOKEN_EXPIRED) {
            token = null; // fetched again at the next attempt
        }
        if (code != 0) {
            throw new Failure("WeChat errcode " + code + ": " + answer.get("errmsg"), code == REFUSED);
        }
    }

    private String accessToken() throws Failure {
        Token t = token;
        Instant now = clock.instant();
        if (t != null && now.isBefore(t.renewAt())) {
            return t.value();
        }
        Map<?, ?> answer = call(HttpRequest.newBuilder(URI.create(base() + "/cgi-bin/token?grant_type=client_credential"
                + "&appid=" + enc(settings.getWechatAppId()) + "&secret=" + enc(settings.getWechatAppSecret()))).GET());
        if (!(answer.get("access_token") instanceof String value)) {
            throw new Failure("WeChat access token refused: " + answer.get("errcode") + " " + answer.get("errmsg"), false);
        }
        long seconds = answer.get("expires_in") instanceof Number n ? n.longValue() : 7200;
        // Renew a minute early (or halfway for short lives) so a token never expires in flight.
        token = new Token(value, now.plusSeconds(Math.max(seconds / 2, seconds - 60)));
        return value;
    }

    private Map<?, ?> call(HttpRequest.Builder request) throws Failure {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("WeChat unreachable: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", false);
        }
        if (response.statusCode() != 200) {
            throw new Failure("WeChat HTTP " + response.statusCode(), false);
        }
        try {
            return json.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new Failure("WeChat answered something unreadable", false);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        String b = settings.getWechatApiBaseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static String cut(String text) {
        return text.length() <= 20 ? text : text.substring(0, 19) + "…";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
