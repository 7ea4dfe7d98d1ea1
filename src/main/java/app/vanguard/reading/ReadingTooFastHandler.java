package app.vanguard.reading;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Renders {@link ReadingTooFastException} as problem+json with the seconds still to read in Retry-After. */
@Singleton
@Produces
public class ReadingTooFastHandler implements ExceptionHandler<ReadingTooFastException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ReadingTooFastHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ReadingTooFastException exception) {
        var response = HttpResponse.status(exception.status());
        response.header("Retry-After", Long.toString(exception.remainingSeconds()));
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }
}
