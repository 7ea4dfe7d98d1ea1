package app.vanguard.reading;

import app.vanguard.shared.ApiException;
import io.micronaut.http.HttpStatus;

/** 422 READING_TOO_FAST: the article was finished sooner than its minimum reading time; Retry-After says how long is left. */
public class ReadingTooFastException extends ApiException {

    private final long remainingSeconds;

    public ReadingTooFastException(long dwellSeconds, int minimumSeconds, long remainingSeconds) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "READING_TOO_FAST", "Read for " + dwellSeconds + " s; this article needs "
                + minimumSeconds + " s: " + remainingSeconds + " s remain");
        this.remainingSeconds = Math.max(1, remainingSeconds);
    }

    public long remainingSeconds() {
        return remainingSeconds;
    }
}
