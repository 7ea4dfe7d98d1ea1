package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.wechat.*: the mini-program sign-in (jscode2session) and its bind ticket. */
@ConfigurationProperties("vanguard.wechat")
public class WechatSettings {

    /** WeChat's API (a stub in tests). */
    private String apiBaseUrl = "https://api.weixin.qq.com";
    /** The mini-program's app id. */
    private String appId = "";
    /** The mini-program's app secret. */
    private String appSecret = "";
    /** How long an unbound openid's bind ticket is valid. */
    private Duration bindTicketTtl = Duration.ofMinutes(5);

    public String getApiBaseUrl() { return apiBaseUrl; }
    public void setApiBaseUrl(String apiBaseUrl) { this.apiBaseUrl = apiBaseUrl; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getAppSecret() { return appSecret; }
    public void setAppSecret(String appSecret) { this.appSecret = appSecret; }
    public Duration getBindTicketTtl() { return bindTicketTtl; }
    public void setBindTicketTtl(Duration bindTicketTtl) { this.bindTicketTtl = bindTicketTtl; }
}
