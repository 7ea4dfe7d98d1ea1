package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.auth.*: refresh tokens (password hashing: org.PasswordSettings) and the sign-in throttle (inject {@code AuthSettings.Login} for the latter). */
@ConfigurationProperties("vanguard.auth")
public class AuthSettings {

    /** How long a refresh token is valid. */
    private int refreshTokenDays = 30;
    /** How long after a rotation the same refresh token may be presented again for the same successor pair. */
    private Duration refreshGrace = Duration.ofSeconds(10);
    /** How long an instance trusts a cached access-token generation while the Redis channel announces raises. */
    private Duration generationCacheTtl = Duration.ofSeconds(30);
    /** How long it trusts one while that channel is down: a raise takes effect within this on every instance. */
    private Duration generationFallbackTtl = Duration.ofSeconds(1);
    /** Most verified access tokens an instance keeps (each until its own expiry; see CachedTokenValidator). */
    private long tokenCacheSize = 20_000;

    public int getRefreshTokenDays() { return refreshTokenDays; }
    public void setRefreshTokenDays(int refreshTokenDays) { this.refreshTokenDays = refreshTokenDays; }
    public Duration getRefreshGrace() { return refreshGrace; }
    public void setRefreshGrace(Duration refreshGrace) { this.refreshGrace = refreshGrace; }
    public Duration getGenerationCacheTtl() { return generationCacheTtl; }
    public void setGenerationCacheTtl(Duration generationCacheTtl) { this.generationCacheTtl = generationCacheTtl; }
    public Duration getGenerationFallbackTtl() { return generationFallbackTtl; }
    public void setGenerationFallbackTtl(Duration generationFallbackTtl) { this.generationFallbackTtl = generationFallbackTtl; }
    public long getTokenCacheSize() { return tokenCacheSize; }
    public void setTokenCacheSize(long tokenCacheSize) { this.tokenCacheSize = tokenCacheSize; }

    /** vanguard.auth.login.*: failed sign-ins per phone and attempts per IP, each in a fixed window. */
    @ConfigurationProperties("login")
    public static class Login {

        /** Failed sign-ins of one phone allowed per window. */
        private int maxFailuresPerPhone = 5;
        /** Window of the per-phone count. */
        private Duration phoneWindow = Duration.ofMinutes(15);
        /** Sign-in attempts from one IP allowed per window. */
        private int maxAttemptsPerIp = 30;
        /** Window of the per-IP count. */
        private Duration ipWindow = Duration.ofMinutes(1);

        public int getMaxFailuresPerPhone() { return maxFailuresPerPhone; }
        public void setMaxFailuresPerPhone(int maxFailuresPerPhone) { this.maxFailuresPerPhone = maxFailuresPerPhone; }
        public Duration getPhoneWindow() { return phoneWindow; }
        public void setPhoneWindow(Duration phoneWindow) { this.phoneWindow = phoneWindow; }
        public int getMaxAttemptsPerIp() { return maxAttemptsPerIp; }
        public void setMaxAttemptsPerIp(int maxAttemptsPerIp) { this.maxAttemptsPerIp = maxAttemptsPerIp; }
        public Duration getIpWindow() { return ipWindow; }
        public void setIpWindow(Duration ipWindow) { this.ipWindow = ipWindow; }
    }
}
