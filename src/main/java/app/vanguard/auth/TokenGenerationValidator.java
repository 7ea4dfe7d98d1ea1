package app.vanguard.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses (401) an access token issued before the member's current token generation: disabled members, changed
 * roles and changed passwords take effect on the next request, not when the token expires.
 */
@Singleton
public class TokenGenerationValidator<T> implements GenericJwtClaimsValidator<T> {

    private final TokenGenerations generations;

    public TokenGenerationValidator(TokenGenerations generations) {
        this.generations = generations;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Object subject = claims.get(Claims.SUBJECT);
        if (subject == null) {
            return false;
        }
        long memberId;
        try {
            memberId = Long.parseLong(subject.toString());
        } catch (NumberFormatException e) {
            return false;
        }
        Object generation = claims.get(TokenService.GENERATION_CLAIM);
        long tokenGeneration = generation instanceof Number n ? n.longValue() : 0;
        return generations.accepts(memberId, tokenGeneration);
    }
}
