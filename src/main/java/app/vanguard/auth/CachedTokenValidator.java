package app.vanguard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.generator.claims.JwtClaimsSetAdapter;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Verified access tokens, cached (bench/: signature checking and claims parsing were a large share of a cheap read's
 * CPU). The one {@link TokenValidator} of the service: Micronaut's reactive JWT validator is switched off
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator: false}) and this one delegates a token it has not
 * seen to Micronaut's own {@link JsonWebTokenValidator} (parse, signature, every claims validator) and
 * {@link JwtAuthenticationFactory}, then keeps the verified claims and the {@link Authentication} by the token string.
 * <p>
 * A hit skips the signature and the parsing but still runs every claims validator on the cached claims: the
 * token's expiry ({@code exp}, on the system clock as Micronaut checks it) and the member's token generation
 * ({@link TokenGenerationValidator}), so a disabled member, a changed role or password still ends the token at once,
 * hit or miss. An entry lives at most until the token's own {@code exp}; at most
 * {@code vanguard.auth.token-cache-size} tokens are kept (≈ 1 KB each).
 * <p>
 * The generation check never makes a request's thread wait for MySQL: when this instance does not hold the member's
 * generation (a token not seen for a while, a burst of members new to it), the request waits for
 * {@link TokenGenerations#prefetch}, which reads the missing members together, and is validated when that is done.
 * The member is taken from the token before its signature is checked only to know what to prefetch; nothing is
 * accepted until Micronaut's validator has checked it.
 */
@Singleton
public class CachedTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** Before Micronaut's validators (order 0), should another one be switched on. */
    public static final int ORDER = -100;

    private record Verified(Claims claims, Authentication authentication, long expiresAtMs) {
    }

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> jwt;
    private final JwtAuthenticationFactory authentications;
    private final List<GenericJwtClaimsValidator<HttpRequest<?>>> claimsValidators;
    private final Cache<String, Verified> cache;
    private final TokenGenerations generations;

    public CachedTokenValidator(JsonWebTokenValidator<JWT, HttpRequest<?>> jwt, JwtAuthenticationFactory authentications,
                                List<GenericJwtClaimsValidator<HttpRequest<?>>> claimsValidators, AuthSettings settings,
                                TokenGenerations generations) {
        this.jwt = jwt;
        this.generations = generations;
        this.authentications = authentications;
        this.claimsValidators = claimsValidators;
        this.cache = Caffeine.newBuilder().maximumSize(settings.getTokenCacheSize())
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String token, Verified v, long currentTime) {
                        return untilExpiry(v);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified v, long currentTime, long currentDuration) {
                        return untilExpiry(v);
                    }

                    @Override
                    public long expireAfterRead(String token, Verified v, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    private static long untilExpiry(Verified v) {
        return Math.max(0, v.expiresAtMs() - System.currentTimeMillis()) * 1_000_000L;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Publisher<Authentication> validateToken(@NonNull String token, @Nullable HttpRequest<?> request) {
        Verified verified = cache.getIfPresent(token);
        Long member = verified != null
                ? TokenGenerationValidator.memberOf(verified.claims().get(Claims.SUBJECT)) : unverifiedMember(token);
        CompletableFuture<Void> generationReady = member == null ? null : generations.prefetch(member);
        if (generationReady == null || generationReady.isDone()) {
            return validateNow(token, verified, request);
        }
        // continued off the loader thread, which goes on to the next members
        return Mono.fromFuture(generationReady).publishOn(Schedulers.parallel())
                .then(Mono.defer(() -> validateNow(token, verified, request)));
    }

    private Mono<Authentication> validateNow(String token, @Nullable Verified verified, @Nullable HttpRequest<?> request) {
        if (verified == null) {
            return Mono.justOrEmpty(verify(token, request));
        }
        for (GenericJwtClaimsValidator<HttpRequest<?>> validator : claimsValidators) {
            if (!validator.validate(verified.claims(), request)) {
                return Mono.empty();
            }
        }
        return Mono.just(verified.authentication());
    }

    /** The member a token names, read without checking it (only to prefetch their generation); null if none. */
    @Nullable
    private static Long unverifiedMember(String token) {
        try {
            return TokenGenerationValidator.memberOf(JWTParser.parse(token).getJWTClaimsSet().getSubject());
        } catch (ParseException | RuntimeException e) {
            return null; // not a token we could have issued: the validator refuses it
        }
    }

    /** Whether the token is kept (tests). */
    boolean holds(String token) {
        return cache.getIfPresent(token) != null;
    }

    /** Micronaut's full check of a token not seen before, kept when it passes (and expires: ours always do). */
    private Optional<Authentication> verify(String token, @Nullable HttpRequest<?> request) {
        Optional<JWT> valid = jwt.validate(token, request);
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        Optional<Authentication> authentication = authentications.createAuthentication(valid.get());
        if (authentication.isPresent()) {
            try {
                JWTClaimsSet claims = valid.get().getJWTClaimsSet();
                Date expiry = claims.getExpirationTime();
                if (expiry != null) {
                    cache.put(token, new Verified(new JwtClaimsSetAdapter(claims), authentication.get(), expiry.getTime()));
                }
            } catch (ParseException e) {
                // validated above, so parsed already; not kept if it ever fails
            }
        }
        return authentication;
    }
}
