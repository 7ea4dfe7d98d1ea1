package app.vanguard.auth;

import io.micronaut.security.token.generator.AccessTokenConfiguration;
import app.vanguard.org.Caller;
import app.vanguard.org.Member;
import app.vanguard.org.Role;
import app.vanguard.org.RoleAssignment;
import app.vanguard.org.RoleAssignmentRepository;
import app.vanguard.shared.ApiException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Issues access tokens (JWT with the member's current roles) and stored, hashed, single-use refresh tokens. */
@Singleton
public class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The member's access-token generation when the token was issued (see {@link TokenGenerations}). */
    public static final String GENERATION_CLAIM = "gen";
    /** Present (true) while the member must still change their initial password. */
    public static final String PASSWORD_CHANGE_CLAIM = "pwdChange";

    private final TokenGenerator tokenGenerator;
    private final RefreshTokenRepository refreshTokens;
    private final RoleAssignmentRepository roleAssignments;
    private final TokenGenerations generations;
    private final Clock clock;
    private final int accessSeconds;
    private final Duration refreshLifetime;

    public TokenService(TokenGenerator tokenGenerator, RefreshTokenRepository refreshTokens,
                        RoleAssignmentRepository roleAssignments, TokenGenerations generations, Clock clock,
                        AccessTokenConfiguration accessTokens, AuthSettings settings) {
        this.tokenGenerator = tokenGenerator;
        this.refreshTokens = refreshTokens;
        this.roleAssignments = roleAssignments;
        this.generations = generations;
        this.clock = clock;
        // micronaut.security.token.generator.access-token.expiration (ACCESS_TOKEN_SECONDS), Micronaut's own setting.
        this.accessSeconds = accessTokens.getExpiration();
        this.refreshLifetime = Duration.ofDays(settings.getRefreshTokenDays());
    }

    /** Starts a new token family (a login). */
    public AuthViews.TokenResponse issueNewFamily(Member member) {
        return issue(member, UUID.randomUUID().toString());
    }

    /** Issues the next tokens of an existing family (a refresh), roles read afresh from the database. */
    public AuthViews.TokenResponse issue(Member member, String familyId) {
        Instant now = now();
        String refresh = randomToken();
        refreshTokens.save(new RefreshToken(null, member.id(), familyId, sha256(refresh), now, now.plus(refreshLifetime),
                null, null));
        return new AuthViews.TokenResponse(accessToken(member), "Bearer", accessSeconds, refresh, refreshLifetime.toSeconds());
    }

    private String accessToken(Member member) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(Role.MEMBER.name());
        List<String> scopes = new ArrayList<>();
        for (RoleAssignment assignment : roleAssignments.findByMemberId(member.id())) {
            roles.add(assignment.role().name());
            scopes.add(new Caller.Scope(assignment.role(), assignment.orgId()).encode());
        }
        Map<String, Object> claims = new HashMap<>();
        claims.put(Caller.NAME_CLAIM, member.name());
        claims.put(Caller.SCOPES_CLAIM, scopes);
        claims.put(GENERATION_CLAIM, generations.fresh(member.id()));
        if (member.passwordChangeRequired()) {
            claims.put(PASSWORD_CHANGE_CLAIM, true);
        }
        if (member.branchId() != null) {
            claims.put(Caller.BRANCH_CLAIM, member.branchId());
        }
        Authentication authentication = Authentication.build(member.id().toString(), roles, claims);
        return tokenGenerator.generateToken(authentication, accessSeconds)
                .orElseThrow(() -> new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                        "Could not sign a token"));
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
