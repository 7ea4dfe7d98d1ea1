package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.PasswordHasher;
import app.vanguard.shared.ApiException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sign-in with phone + password or WeChat, refresh-token rotation with reuse detection, sign-out. */
@Singleton
public class AuthService {

    private final MemberRepository members;
    private final RefreshTokenRepository refreshTokens;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final WechatClient wechat;
    private final RedisCommands<String, String> redis;
    private final Duration bindTicketTtl;
    private final AccountService accounts;
    private final RefreshGrace grace;

    public AuthService(MemberRepository members, RefreshTokenRepository refreshTokens, TokenService tokens,
                       PasswordHasher hasher, LoginThrottle throttle, WechatClient wechat,
                       StatefulRedisConnection<String, String> redis,
                       WechatSettings wechatSettings, AccountService accounts, RefreshGrace grace) {
        this.accounts = accounts;
        this.grace = grace;
        this.members = members;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.wechat = wechat;
        this.redis = redis.sync();
        this.bindTicketTtl = wechatSettings.getBindTicketTtl();
    }

    public AuthViews.TokenResponse login(String phone, String password, @Nullable String ip) {
        Member member = checkPassword(phone, password, ip);
        return tokens.issueNewFamily(member);
    }

    /** Verifies phone + password under the throttle; the member must be enabled. */
    Member checkPassword(String phone, String password, @Nullable String ip) {
        throttle.beforeAttempt(phone, ip); // counts the attempt before the check
        Optional<Member> found = members.findByPhone(phone);
        if (!hasher.matches(password, found.map(Member::passwordHash).orElse(null))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Phone or password is wrong");
        }
        throttle.recordSuccess(phone, ip);
        Member member = found.get();
        if (!member.enabled()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account has been disabled");
        }
        return member;
    }

    /**
     * Exchanges a refresh token for new tokens. The presented token is used up; presenting a used or revoked token
     * again means it was stolen or replayed, so its whole family is revoked.
     */
    public AuthViews.TokenResponse refresh(String refreshToken) {
        Instant now = tokens.now();
        RefreshToken stored = refreshTokens.findByTokenHash(TokenService.sha256(refreshToken))
                .orElseThrow(AuthService::invalidRefreshToken);
        if (stored.usedAt() != null && stored.revokedAt() == null && grace.within(stored.usedAt(), now)) {
            Optional<AuthViews.TokenResponse> again = grace.successor(refreshToken); // a retry whose answer was lost
            if (again.isPresent()) {
                return again.get();
            }
        }
        if (stored.usedAt() == null && stored.revokedAt() != null) {
            // Never used, but its sign-in was ended: logout, password change, a disabled account, or the reuse of
            // another token of the family. Not an alarm: sign in again.
            throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REVOKED",
                    "This sign-in has ended (signed out, password changed or account disabled); sign in again");
        }
        if (stored.usedAt() != null) {
            refreshTokens.revokeFamily(stored.familyId(), now);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; every session of this sign-in has been ended");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_EXPIRED", "Refresh token expired; sign in again");
        }
        if (refreshTokens.markUsed(stored.id(), now) != 1) {
            Optional<AuthViews.TokenResponse> again = grace.awaitSuccessor(refreshToken); // a retry racing the original
            if (again.isPresent()) {
                return again.get();
            }
            // Lost a race with a concurrent use of the same token: treat as reuse.
            refreshTokens.revokeFamily(stored.familyId(), now);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; every session of this sign-in has been ended");
        }
        Member member = members.findById(stored.memberId()).orElseThrow(AuthService::invalidRefreshToken);
        if (!member.enabled()) {
            refreshTokens.revokeFamily(stored.familyId(), now);
            throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account has been disabled");
        }
        AuthViews.TokenResponse next = tokens.issue(member, stored.familyId());
        grace.remember(refreshToken, next);
        return next;
    }

    /** Ends the sign-in the refresh token belongs to. Unknown tokens are ignored (sign-out is idempotent). */
    public void logout(String refreshToken) {
        refreshTokens.findByTokenHash(TokenService.sha256(refreshToken))
                .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), tokens.now()));
    }

    /** Outcome of a WeChat sign-in: tokens if the openid is bound, otherwise a ticket for binding it. */
    public record WechatOutcome(@Nullable AuthViews.TokenResponse tokens, @Nullable String bindTicket) {
    }

    public WechatOutcome wechatLogin(String code) {
        String openid = wechat.openidFor(code);
        Optional<Member> bound = members.findByWechatOpenid(openid);
        if (bound.isPresent()) {
            if (!bound.get().enabled()) {
                throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account has been disabled");
            }
            return new WechatOutcome(tokens.issueNewFamily(bound.get()), null);
        }
        String ticket = TokenService.randomToken();
        redis.set(bindTicketKey(ticket), openid, SetArgs.Builder.px(bindTicketTtl.toMillis()));
        return new WechatOutcome(null, ticket);
    }

    /** Binds the WeChat account behind the ticket to the member who proves phone + password, then signs them in. */
    public AuthViews.TokenResponse wechatBind(String bindTicket, String phone, String password, @Nullable String ip) {
        String openid = redis.get(bindTicketKey(bindTicket));
        if (openid == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "BIND_TICKET_INVALID",
                    "The bind ticket is unknown or expired; sign in with WeChat again");
        }
        Member member = checkPassword(phone, password, ip);
        if (member.wechatOpenid() != null && !member.wechatOpenid().equals(openid)) {
            throw ApiException.conflict("WECHAT_ALREADY_BOUND", "This member is already bound to another WeChat account");
        }
        if (members.findByWechatOpenid(openid).filter(m -> !m.id().equals(member.id())).isPresent()) {
            throw ApiException.conflict("WECHAT_ALREADY_BOUND", "This WeChat account is already bound to another member");
        }
        accounts.bindWechat(member, openid); // refused while the password is the initial one
        redis.del(bindTicketKey(bindTicket));
        return tokens.issueNewFamily(member);
    }

    private static String bindTicketKey(String ticket) {
        return "wechat:bind:" + ticket;
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "REFRESH_TOKEN_INVALID", "Refresh token is not valid");
    }
}
