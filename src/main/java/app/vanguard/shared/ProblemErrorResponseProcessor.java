package app.vanguard.shared;

import io.lettuce.core.RedisException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders every error the server produces (our own {@link ApiException}s, validation failures, unknown routes,
 * 401/403 from security, 5xx) as one problem+json body, whatever the client's Accept header says.
 * Never includes a stack trace or an exception message from a 5xx.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Problem problem = toProblem(context, response.status());
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Problem> typed = (MutableHttpResponse<Problem>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        return typed.status(problem.status()).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    static Problem toProblem(ErrorContext context, HttpStatus status) {
        Optional<Throwable> cause = context.getRootCause();
        if (cause.isPresent() && cause.get() instanceof ApiException api) {
            return new Problem("about:blank", api.status().getReason(), api.status().getCode(), api.getMessage(),
                    api.code(), api.errors().isEmpty() ? null : api.errors());
        }
        if (cause.isPresent() && cause.get() instanceof DatabaseUnavailable.DatabaseUnavailableException) {
            HttpStatus unavailable = HttpStatus.SERVICE_UNAVAILABLE;
            return new Problem("about:blank", unavailable.getReason(), unavailable.getCode(),
                    "The database is temporarily unavailable; try again shortly", "SERVICE_UNAVAILABLE", null);
        }
        if (cause.isPresent() && cause.get() instanceof RedisException) {
            HttpStatus unavailable = HttpStatus.SERVICE_UNAVAILABLE;
            return new Problem("about:blank", unavailable.getReason(), unavailable.getCode(),
                    "A backing service is temporarily unavailable; try again shortly", "SERVICE_UNAVAILABLE", null);
        }
        int code = status.getCode();
        if (code >= 500) {
            return new Problem("about:blank", status.getReason(), code,
                    "The server could not complete the request", "INTERNAL_ERROR", null);
        }
        boolean validation = cause.isPresent()
                && (cause.get() instanceof ConstraintViolationException || cause.get() instanceof ConversionErrorException);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (cause.isPresent() && cause.get() instanceof ConstraintViolationException violations) {
            for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
                errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), null, violation.getMessage()));
            }
            errors.sort(java.util.Comparator.comparing(e -> String.valueOf(e.field())));
        } else for (Error error : context.getErrors()) {
            errors.add(new Problem.FieldError(error.getPath().map(ProblemErrorResponseProcessor::fieldName).orElse(null),
                    null, error.getMessage()));
        }
        String detail = validation ? "Request is not valid"
                : context.getErrors().isEmpty() ? status.getReason() : context.getErrors().get(0).getMessage();
        return new Problem("about:blank", status.getReason(), code, detail, validation ? "VALIDATION_FAILED" : codeFor(status),
                validation && !errors.isEmpty() ? errors : null);
    }

    /** login.body.phone → "phone": the client knows the JSON property, not our method and parameter names. */
    private static String fieldName(Path path) {
        String last = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                last = node.getName();
            }
        }
        return last;
    }

    /** "create.request.phone" → "phone". */
    private static String fieldName(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BAD_REQUEST";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case CONFLICT -> "CONFLICT";
            case REQUEST_ENTITY_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case UNPROCESSABLE_ENTITY -> "UNPROCESSABLE";
            case TOO_MANY_REQUESTS -> "TOO_MANY_REQUESTS";
            default -> status.name();
        };
    }
}
