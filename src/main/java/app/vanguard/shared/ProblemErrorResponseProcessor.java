package app.vanguard.shared;

import io.lettuce.core.RedisException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
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

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders every error the server produces (our own {@link ApiException}s, validation failures, unknown routes,
 * 401/403 from security, 5xx) as one problem+json body, whatever the client's Accept header says.
 * Never includes a stack trace, a class name or an exception message from a 5xx.
 *
 * <p>{@code detail} is a sentence for the member, in Chinese unless the request's Accept-Language prefers English
 * (i18n/messages_*.properties: {@code problem.<code>}, {@code constraint.<annotation>}, {@code json.<kind>}). A JSON
 * body that cannot be read names the property at fault; an enum lists its allowed values. A refused bearer token
 * answers TOKEN_EXPIRED or TOKEN_INVALID with {@code WWW-Authenticate: Bearer error="invalid_token"}.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private final Messages messages;
    private final BearerTokenCheck bearer;

    public ProblemErrorResponseProcessor(Messages messages, BearerTokenCheck bearer) {
        this.messages = messages;
        this.bearer = bearer;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Problem problem = toProblem(context, response.status());
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Problem> typed = (MutableHttpResponse<Problem>) response;
        if (problem.code().equals("TOKEN_EXPIRED") || problem.code().equals("TOKEN_INVALID")) {
            typed.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        } else if (problem.status() == 401 && !typed.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            typed.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return typed;
        }
        return typed.status(problem.status()).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    Problem toProblem(ErrorContext context, HttpStatus status) {
        HttpRequest<?> request = context.getRequest();
        Locale locale = Messages.localeOf(request);
        Optional<Throwable> cause = context.getRootCause();
        if (cause.isPresent() && cause.get() instanceof ApiException api) {
            List<Problem.FieldError> errors = api.errors();
            String detail;
            if (api.code().equals("VALIDATION_FAILED") && !errors.isEmpty()) {
                detail = validationDetail(errors, locale);
            } else if (locale.getLanguage().equals("en")) {
                detail = api.getMessage();
            } else {
                detail = messages.find("problem." + api.code(), locale, api.args())
                        .orElseGet(() -> generic(api.status(), locale));
            }
            return new Problem("about:blank", api.status().getReason(), api.status().getCode(), detail,
                    api.code(), errors.isEmpty() ? null : errors);
        }
        if (cause.isPresent() && cause.get() instanceof DatabaseUnavailable.DatabaseUnavailableException) {
            HttpStatus unavailable = HttpStatus.SERVICE_UNAVAILABLE;
            return new Problem("about:blank", unavailable.getReason(), unavailable.getCode(),
                    "The database is temporarily unavailable; try again shortly", "SERVICE_UNAVAILABLE", null);
        }
        if (cause.isPresent() && cause.get() instanceof RedisException) {
            HttpStatus unavailable = HttpStatus.SERVICE_UNAVAILABLE;
            return new Problem("about:blank", unavailable.getReason(), unavailable.getCode(),
                    text("SERVICE_UNAVAILABLE", locale), "SERVICE_UNAVAILABLE", null);
        }
        int code = status.getCode();
        if (code >= 500) {
            return new Problem("about:blank", status.getReason(), code, text("INTERNAL_ERROR", locale),
                    "INTERNAL_ERROR", null);
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            String reason = bearer.refusal(request).orElse("UNAUTHORIZED");
            return new Problem("about:blank", status.getReason(), code, text(reason, locale), reason, null);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Throwable root = cause.orElse(null);
        Problem.FieldError json = root == null ? null : jsonError(root, locale);
        if (root instanceof ConstraintViolationException violations) {
            for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
                errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), null,
                        constraintMessage(violation, locale)));
            }
            errors.sort(Comparator.comparing(e -> String.valueOf(e.field())));
        } else if (json != null) {
            errors.add(json);
        } else if (root instanceof ConversionErrorException conversion) {
            errors.add(new Problem.FieldError(conversion.getArgument().getName(), null,
                    typeMessage(conversion.getArgument(), locale)));
        }
        if (!errors.isEmpty()) {
            return new Problem("about:blank", HttpStatus.BAD_REQUEST.getReason(), 400, validationDetail(errors, locale),
                    "VALIDATION_FAILED", errors);
        }
        String problemCode = codeFor(status);
        return new Problem("about:blank", status.getReason(), code, text(problemCode, locale), problemCode, null);
    }

    private String text(String code, Locale locale) {
        return messages.find("problem." + code, locale, Map.of()).orElseGet(() -> messages.get("problem.GENERIC",
                locale, Map.of()));
    }

    private String generic(HttpStatus status, Locale locale) {
        return messages.find("status." + status.getCode(), locale, Map.of())
                .orElseGet(() -> messages.get("problem.GENERIC", locale, Map.of()));
    }

    private String validationDetail(List<Problem.FieldError> errors, Locale locale) {
        List<String> fields = errors.stream().map(Problem.FieldError::field).filter(f -> f != null && !f.isBlank())
                .distinct().toList();
        if (fields.isEmpty()) {
            return messages.get("problem.VALIDATION_FAILED.nofield", locale, Map.of());
        }
        return messages.get("problem.VALIDATION_FAILED", locale, Map.of("fields", Messages.join(fields, locale)));
    }

    private String constraintMessage(ConstraintViolation<?> violation, Locale locale) {
        String name = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        Map<String, Object> attributes = new LinkedHashMap<>();
        violation.getConstraintDescriptor().getAttributes().forEach((k, v) -> attributes.put(k, v));
        return messages.find("constraint." + name, locale, attributes).orElse(violation.getMessage());
    }

    /** A JSON body property that could not be read: its path (items.0.answer) and what it must be. */
    private Problem.FieldError jsonError(Throwable root, Locale locale) {
        for (Throwable t = root; t != null; t = next(t)) {
            if (t instanceof SerdeException serde && !serde.getPath().isEmpty()) {
                StringBuilder field = new StringBuilder();
                Argument<?> last = null;
                for (ReferencePath step : serde.getPath()) {
                    if (step instanceof PropertyReferencePath property) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(property.property().getName());
                    } else if (step instanceof CollectionItemReferencePath item) {
                        field.append('[').append(item.index()).append(']');
                    } else if (step instanceof MapItemReferencePath entry) {
                        field.append('.').append(entry.key());
                    }
                    last = step.getArgument();
                }
                String message = unsafeText(root) ? messages.get("json.text", locale, Map.of())
                        : typeMessage(last, locale);
                return new Problem.FieldError(field.toString(), null, message);
            }
        }
        return null;
    }

    private static boolean unsafeText(Throwable root) {
        for (Throwable t = root; t != null; t = next(t)) {
            if (t instanceof SafeTextDeserializer.UnsafeTextException
                    || (t.getMessage() != null && t.getMessage().contains(SafeTextDeserializer.MESSAGE))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        Throwable next = t.getCause();
        if (next == null && t instanceof ConversionErrorException conversion) {
            next = conversion.getConversionError().getCause();
        }
        return next == t ? null : next;
    }

    private String typeMessage(Argument<?> argument, Locale locale) {
        Class<?> type = argument == null ? Object.class : argument.getType();
        if (type.isEnum()) {
            String values = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
            return messages.get("json.enum", locale, Map.of("values", values));
        }
        if (type == Instant.class) {
            return messages.get("json.datetime", locale, Map.of());
        }
        if (type == LocalDate.class) {
            return messages.get("json.date", locale, Map.of());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return messages.get("json.number", locale, Map.of());
        }
        if (type == Boolean.class || type == boolean.class) {
            return messages.get("json.boolean", locale, Map.of());
        }
        if (type == String.class) {
            return messages.get("json.string", locale, Map.of());
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return messages.get("json.array", locale, Map.of());
        }
        return messages.get("json.invalid", locale, Map.of());
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
