package app.vanguard.shared;

import io.micronaut.http.HttpStatus;

/** 429 with the number of seconds the client must wait, sent as Retry-After. */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** 429 with a code of its own (e.g. a daily limit rather than a throttle). */
    public TooManyRequestsException(String message, long retryAfterSeconds, String code) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
