package app.vanguard.shared;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Sends {@link ApiException} through the one error renderer, with its own status and any Retry-After. */
@Singleton
@Produces
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ApiExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        var response = HttpResponse.status(exception.status());
        exception.headers().forEach(response::header);
        if (exception instanceof TooManyRequestsException tooMany) {
            response.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        }
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }
}
