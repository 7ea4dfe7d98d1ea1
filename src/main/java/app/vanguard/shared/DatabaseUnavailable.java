package app.vanguard.shared;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
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

import java.net.SocketTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;

/**
 * MySQL stalled, unreachable or out of connections (the pool's {@code connection-timeout}, the driver's
 * {@code connectTimeout}/{@code socketTimeout}): 503 SERVICE_UNAVAILABLE with Retry-After in the common format, not
 * a 500 or a hang. Any other data-access failure stays a 500.
 */
public final class DatabaseUnavailable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private DatabaseUnavailable() {
    }

    /** Whether the failure is the database being unavailable for now (retrying later may work). */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientException
                    || t instanceof SQLTimeoutException || t instanceof SQLRecoverableException
                    || t instanceof SocketTimeoutException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || t.getClass().getSimpleName().endsWith("CommunicationsException") // the driver is runtime-only
                    // a connection failing under a statement or a transaction's setup (StalledDatabaseTest)
                    || t instanceof io.micronaut.data.connection.exceptions.ConnectionException
                    // Hikari's proxy of a connection it closed after a fatal error has no SQL state, only this message
                    || (t instanceof java.sql.SQLException closed && "Connection is closed".equals(closed.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    static HttpResponse<?> respond(ErrorResponseProcessor<?> processor, HttpRequest<?> request, RuntimeException e) {
        if (!is(e)) {
            LOG.error("Data access failed for {} {}", request.getMethod(), request.getPath(), e);
            return processor.processResponse(ErrorContext.builder(request).cause(e).build(),
                    HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
        }
        LOG.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getPath(), e.toString());
        return processor.processResponse(ErrorContext.builder(request).cause(new DatabaseUnavailableException(e)).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5"));
    }

    /** Marks the cause for the problem body (see {@link ProblemErrorResponseProcessor}). */
    public static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(Throwable cause) {
            super("database unavailable", cause);
        }
    }

    @Singleton
    @Produces
    public static class ConnectionHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public ConnectionHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
            return respond(processor, request, exception);
        }
    }

    @Singleton
    @Produces
    public static class DataAccessHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public DataAccessHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
            return respond(processor, request, exception);
        }
    }

    /**
     * The connection failed under a statement or a transaction's setup (e.g. the driver's socket timeout closed it
     * while setting read-only): 503 as well (StalledDatabaseTest), not a 500.
     */
    @Singleton
    @Produces
    public static class ConnectionFailureHandler
            implements ExceptionHandler<io.micronaut.data.connection.exceptions.ConnectionException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public ConnectionFailureHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, io.micronaut.data.connection.exceptions.ConnectionException exception) {
            return respond(processor, request, exception);
        }
    }

    /** A transaction that could not begin, commit or roll back because the connection failed: 503 likewise. */
    @Singleton
    @Produces
    public static class TransactionFailureHandler
            implements ExceptionHandler<io.micronaut.transaction.exceptions.TransactionException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public TransactionFailureHandler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, io.micronaut.transaction.exceptions.TransactionException exception) {
            return respond(processor, request, exception);
        }
    }
}
