package app.vanguard.auth;

import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

/**
 * A member whose password is still the initial one (imported or added by a secretary: whoever handed it over knows
 * it) may only read {@code GET /me} and change it ({@code PUT /me/password}) until they do; everything else answers
 * 403 PASSWORD_CHANGE_REQUIRED. The flag travels in the access token ({@link TokenService#PASSWORD_CHANGE_CLAIM});
 * changing the password ends those tokens, and the next sign-in has no flag.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class PasswordChangeRequiredFilter implements Ordered {

    @RequestFilter
    public @Nullable HttpResponse<?> filter(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null || !Boolean.TRUE.equals(authentication.getAttributes().get(TokenService.PASSWORD_CHANGE_CLAIM))) {
            return null;
        }
        String path = request.getPath();
        if ((request.getMethod() == HttpMethod.GET && path.equals("/me"))
                || (request.getMethod() == HttpMethod.PUT && path.equals("/me/password"))) {
            return null;
        }
        HttpStatus status = HttpStatus.FORBIDDEN;
        return HttpResponse.status(status).contentType(Problem.MEDIA_TYPE).body(new Problem("about:blank",
                status.getReason(), status.getCode(), "Change your initial password first (PUT /me/password)",
                "PASSWORD_CHANGE_REQUIRED", null));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
