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

/**
 * Redis down or too slow, for what has no MySQL source: 503 SERVICE_UNAVAILABLE with Retry-After
 * ({@code vanguard.redis.retry-after}) in the common format, at once (see {@link RedisGuard}), never a hang or a 500.
 */
@Singleton
@Produces
public class RedisUnavailableHandler implements ExceptionHandler<RedisException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisUnavailableHandler.class);
    private final ErrorResponseProcessor<?> processor;
    private final RedisSettings settings;

    public RedisUnavailableHandler(ErrorResponseProcessor<?> processor, RedisSettings settings) {
        this.processor = processor;
        this.settings = settings;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RedisException exception) {
        LOG.warn("Redis unavailable for {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Long.toString(Math.max(1, settings.getRetryAfter().toSeconds()))));
    }
}
