package app.vanguard.auth;

import app.vanguard.org.Caller;
import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Guards the operations endpoints. {@code /prometheus}: with {@code vanguard.metrics.token} (METRICS_TOKEN) set, only
 * a scrape presenting it in {@code X-Metrics-Token}; without it, only a TCP peer on this machine (loopback; behind a
 * reverse proxy on the same host, set the token). {@code /health}: the status for everyone, the details (database
 * and Redis addresses, disk) only for system admins.
 */
@ServerFilter({"/prometheus", "/health", "/health/**"})
public class OperationsEndpointsFilter implements Ordered {

    public static final String TOKEN_HEADER = "X-Metrics-Token";

    private final byte[] metricsToken;

    public OperationsEndpointsFilter(MetricsSettings settings) {
        String token = settings.getToken();
        this.metricsToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    public @Nullable HttpResponse<?> metrics(HttpRequest<?> request) {
        if (!request.getPath().equals("/prometheus") || mayScrape(request)) {
            return null;
        }
        HttpStatus status = HttpStatus.FORBIDDEN;
        return HttpResponse.status(status).contentType(Problem.MEDIA_TYPE).body(new Problem("about:blank",
                status.getReason(), status.getCode(), "Metrics need the scrape token (" + TOKEN_HEADER + ")",
                "FORBIDDEN", null));
    }

    private boolean mayScrape(HttpRequest<?> request) {
        if (metricsToken != null) {
            String presented = request.getHeaders().get(TOKEN_HEADER);
            return presented != null
                    && MessageDigest.isEqual(metricsToken, presented.getBytes(StandardCharsets.UTF_8));
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    @ResponseFilter
    public void health(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!request.getPath().startsWith("/health")) {
            return;
        }
        if (response.getBody().orElse(null) instanceof HealthResult result && result.getDetails() != null
                && !systemAdmin(request)) {
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> typed = (MutableHttpResponse<Object>) response;
            typed.body(Map.of("status", result.getStatus().getName()));
        }
    }

    private static boolean systemAdmin(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        return authentication != null && Caller.of(authentication).isSystemAdmin();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
