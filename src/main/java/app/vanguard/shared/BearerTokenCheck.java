package app.vanguard.shared;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Why a request with a bearer token was refused (401): TOKEN_EXPIRED when the token is ours (its signature checks)
 * and its expiry has passed, TOKEN_INVALID otherwise (unreadable, forged, revoked). Empty when the request carried no
 * bearer token. Expiry is read on the system clock: Micronaut Security stamps and checks access tokens' {@code exp}
 * on it, not on the service's injected clock.
 */
@Singleton
public class BearerTokenCheck {

    private final List<SignatureConfiguration> signatures;
    private final Clock clock = Clock.systemUTC();

    public BearerTokenCheck(List<SignatureConfiguration> signatures) {
        this.signatures = signatures;
    }

    public Optional<String> refusal(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        try {
            if (JWTParser.parse(token) instanceof SignedJWT signed && verified(signed)) {
                Date expiry = signed.getJWTClaimsSet().getExpirationTime();
                if (expiry != null && !expiry.toInstant().isAfter(clock.instant())) {
                    return Optional.of("TOKEN_EXPIRED");
                }
            }
        } catch (Exception unreadable) {
            // Not a JWT at all: invalid.
        }
        return Optional.of("TOKEN_INVALID");
    }

    private boolean verified(SignedJWT jwt) {
        for (SignatureConfiguration signature : signatures) {
            try {
                if (signature.supports(jwt.getHeader().getAlgorithm()) && signature.verify(jwt)) {
                    return true;
                }
            } catch (Exception ignored) {
                // try the next configuration
            }
        }
        return false;
    }
}
