package app.vanguard.shared;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The service's bare endpoints: no database, no Redis. Load balancers probe them, and the benchmark measures them
 * as floors (anonymous, and behind JWT) beside every real scenario.
 */
@Controller("/ping")
public class PingController {

    @Serdeable
    public record Pong(String status) {
    }

    @Serdeable
    public record AuthenticatedPong(String status, String memberId) {
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Pong ping() {
        return new Pong("ok");
    }

    @Get("/auth")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AuthenticatedPong authenticated(Authentication authentication) {
        return new AuthenticatedPong("ok", authentication.getName());
    }
}
