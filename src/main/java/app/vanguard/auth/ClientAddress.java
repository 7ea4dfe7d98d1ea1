package app.vanguard.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The client's IP for throttling: the TCP peer, or, only when the service runs behind a proxy that sets it and
 * {@code vanguard.client-address-header} names it, the rightmost address of that header that is not one of our
 * proxies ({@code vanguard.trusted-proxies}). A client-supplied
 * X-Forwarded-For is never trusted otherwise, so it cannot be used to dodge the per-IP limit.
 */
@Singleton
public class ClientAddress {

    private final String trustedHeader;
    private final java.util.Set<String> trustedProxies;

    public ClientAddress(ClientAddressSettings settings) {
        this.trustedHeader = settings.getClientAddressHeader();
        this.trustedProxies = java.util.Set.copyOf(settings.getTrustedProxies());
    }

    public String of(HttpRequest<?> request) {
        if (!trustedHeader.isBlank()) {
            String value = request.getHeaders().get(trustedHeader);
            if (value != null && !value.isBlank()) {
                // Rightmost untrusted hop: a client may put anything on the left of X-Forwarded-For; only what our
                // proxies appended (on the right) is known to be true.
                String[] hops = value.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].trim();
                    if (!hop.isEmpty() && (i == 0 || !trustedProxies.contains(hop))) {
                        return hop;
                    }
                }
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
