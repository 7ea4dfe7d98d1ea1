package app.vanguard.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The client's IP for throttling: the TCP peer, or, only when the service runs behind a proxy that sets it and
 * {@code vanguard.client-address-header} names it, the first address of that header. A client-supplied
 * X-Forwarded-For is never trusted otherwise, so it cannot be used to dodge the per-IP limit.
 */
@Singleton
public class ClientAddress {

    private final String trustedHeader;

    public ClientAddress(ClientAddressSettings settings) {
        this.trustedHeader = settings.getClientAddressHeader();
    }

    public String of(HttpRequest<?> request) {
        if (!trustedHeader.isBlank()) {
            String value = request.getHeaders().get(trustedHeader);
            if (value != null && !value.isBlank()) {
                return value.split(",")[0].trim();
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
