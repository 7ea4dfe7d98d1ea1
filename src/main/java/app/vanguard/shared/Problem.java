package app.vanguard.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The one error body of the API (RFC 9457 problem details, media type application/problem+json),
 * extended with a stable {@code code} and, for validation failures, the {@code errors} at fault.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code,
                     @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A field (JSON property path or CSV column) and, for file imports, the 1-based data row. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(@Nullable String field, @Nullable Integer row, String message) {
    }
}
