package app.vanguard.shared;

import io.lettuce.core.RedisException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Redis down or too slow: answer 503 in the common format rather than hang or leak a 500. */
@Singleton
@Produces
public class RedisUnavailableHandler implements ExceptionHandler<RedisException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisUnavailableHandler.class);
    private final ErrorResponseProcessor<?> processor;

    public RedisUnavailableHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RedisException exception) {
        LOG.warn("Redis unavailable for {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5"));
    }
}
