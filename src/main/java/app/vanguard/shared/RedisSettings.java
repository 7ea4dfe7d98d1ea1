package app.vanguard.shared;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How long the service waits for Redis, and when it stops asking (vanguard.redis). */
@ConfigurationProperties("vanguard.redis")
public class RedisSettings {

    /** Longest any command on the shared connection waits for Redis (Lettuce command timeout). */
    private Duration commandTimeout = Duration.ofMillis(500);
    /** Longest a (re)connect attempt waits. */
    private Duration connectTimeout = Duration.ofMillis(500);
    /** Failures among the last {@code breakerWindow} calls (percent) that open the circuit. */
    private int breakerFailureRate = 50;
    /** Calls the breaker looks back over (and needs at least before it opens). */
    private int breakerWindow = 10;
    /** How long an open circuit fails calls at once before one call probes Redis again. */
    private Duration breakerOpenFor = Duration.ofSeconds(2);
    /** Retry-After of 503 REDIS_UNAVAILABLE (what has no MySQL source while Redis is down). */
    private Duration retryAfter = Duration.ofSeconds(5);

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getBreakerFailureRate() {
        return breakerFailureRate;
    }

    public void setBreakerFailureRate(int breakerFailureRate) {
        this.breakerFailureRate = breakerFailureRate;
    }

    public int getBreakerWindow() {
        return breakerWindow;
    }

    public void setBreakerWindow(int breakerWindow) {
        this.breakerWindow = breakerWindow;
    }

    public Duration getBreakerOpenFor() {
        return breakerOpenFor;
    }

    public void setBreakerOpenFor(Duration breakerOpenFor) {
        this.breakerOpenFor = breakerOpenFor;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }
}
