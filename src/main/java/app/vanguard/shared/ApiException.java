package app.vanguard.shared;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client caused or must know about: carries the HTTP status, a stable machine-readable
 * code and, for validation failures, the fields (or CSV rows) at fault. Rendered as problem+json.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> args = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(HttpStatus status, String code, String message, List<Problem.FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Adds a response header (e.g. Location of the resource a 409 conflicts with); returns this. */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /**
     * A value the localised detail ({@code problem.<code>} in i18n/messages_*.properties) names as {@code {name}},
     * e.g. the time a window opens; returns this. The constructor's message stays the English fallback.
     */
    public ApiException arg(String name, Object value) {
        args.put(name, value);
        return this;
    }

    public Map<String, Object> args() {
        return Map.copyOf(args);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " not found");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid",
                List.of(new Problem.FieldError(field, null, message)));
    }
}
