package app.vanguard.auth;

import app.vanguard.shared.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * WeChat mini-program sign-in: exchanges the {@code code} from wx.login for the user's openid through
 * jscode2session, at a configurable base URL (tests point it at a local stub).
 */
@Singleton
public class WechatClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final JsonMapper json;
    private final String baseUrl;
    private final String appId;
    private final String appSecret;

    public WechatClient(JsonMapper json, WechatSettings settings) {
        this.json = json;
        String baseUrl = settings.getApiBaseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.appId = settings.getAppId();
        this.appSecret = settings.getAppSecret();
    }

    /** WeChat's answer; it sends it as text/plain, so it is parsed here rather than by content type. */
    @Serdeable
    public record SessionResponse(@Nullable String openid,
                                  @Nullable @JsonProperty("unionid") String unionId,
                                  @Nullable @JsonProperty("errcode") Integer errorCode,
                                  @Nullable @JsonProperty("errmsg") String errorMessage) {
    }

    /** The openid for this login code; 401 if WeChat rejects the code, 502 if WeChat cannot be reached. */
    public String openidFor(String code) {
        String url = baseUrl + "/sns/jscode2session?appid=" + enc(appId) + "&secret=" + enc(appSecret)
                + "&js_code=" + enc(code) + "&grant_type=authorization_code";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (response.statusCode() != 200) {
            throw unavailable();
        }
        SessionResponse session;
        try {
            session = json.readValue(response.body(), SessionResponse.class);
        } catch (IOException e) {
            throw unavailable();
        }
        if (session.errorCode() != null && session.errorCode() != 0 || session.openid() == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "WECHAT_CODE_INVALID",
                    "WeChat did not accept the login code; call wx.login again");
        }
        return session.openid();
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.BAD_GATEWAY, "WECHAT_UNAVAILABLE", "WeChat could not be reached; try again");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
