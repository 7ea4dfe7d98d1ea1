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
        Long memberId = memberOf(claims.get(Claims.SUBJECT));
        if (memberId == null) {
            return false;
        }
        Object generation = claims.get(TokenService.GENERATION_CLAIM);
        long tokenGeneration = generation instanceof Number n ? n.longValue() : 0;
        return generations.accepts(memberId, tokenGeneration);
    }

    /** The member a token's subject names; null when it names none. */
    @Nullable
    static Long memberOf(@Nullable Object subject) {
        if (subject == null) {
            return null;
        }
        try {
            return Long.valueOf(subject.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
