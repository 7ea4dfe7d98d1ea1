package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.MemberAccessChanged;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.PasswordHasher;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A signed-in member's own credentials (password change, WeChat binding), and auth's reaction to org's access
 * changes.
 */
@Singleton
public class AccountService {

    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RefreshTokenRepository refreshTokens;
    private final TokenService tokens;
    private final TokenGenerations generations;
    private final WechatBindingStore wechatBindings;

    public AccountService(MemberRepository members, PasswordHasher hasher, LoginThrottle throttle,
                          RefreshTokenRepository refreshTokens, TokenService tokens, TokenGenerations generations,
                          WechatBindingStore wechatBindings) {
        this.wechatBindings = wechatBindings;
        this.generations = generations;
        this.members = members;
        this.hasher = hasher;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
    }

    /**
     * Checks the current password under the sign-in throttle, stores the new one and ends every sign-in and the
     * WeChat binding (whoever knew the old password may have bound their own WeChat). No transaction around it:
     * the throttle and the token announcement talk to Redis, which must not wait while a member row is locked.
     */
    public void changePassword(long memberId, String currentPassword, String newPassword) {
        Member m = member(memberId);
        throttle.beforeAttempt(m.phone(), null);
        if (!hasher.matches(currentPassword, m.passwordHash())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "CURRENT_PASSWORD_WRONG", "Current password is wrong",
                    List.of(new Problem.FieldError("currentPassword", null, "does not match")));
        }
        throttle.recordSuccess(m.phone(), null);
        members.updatePasswordHashAndPasswordChangeRequiredAndUpdatedAt(m.id(), hasher.hash(newPassword), false,
                tokens.now());
        unbindWechat(m.id());
        revokeAll(m.id()); // every device signs in again with the new password
    }

    /** The member's WeChat binding, if any. */
    @Transactional(readOnly = true)
    public Optional<WechatBindingStore.Binding> wechatBinding(long memberId) {
        Member m = member(memberId);
        return m.wechatOpenid() == null ? Optional.empty() : Optional.of(wechatBindings.find(memberId)
                .filter(b -> b.openid().equals(m.wechatOpenid()))
                .orElse(new WechatBindingStore.Binding(memberId, m.wechatOpenid(), null)));
    }

    /**
     * Binds a WeChat account to a member who proved their password. An initial password (known to whoever handed it
     * over) is not enough: it must have been changed first.
     */
    @Transactional
    void bindWechat(Member member, String openid) {
        if (member.passwordChangeRequired()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "PASSWORD_CHANGE_REQUIRED",
                    "Change your initial password before binding WeChat");
        }
        Instant now = tokens.now();
        members.updateWechatOpenidAndUpdatedAt(member.id(), openid, now);
        wechatBindings.save(member.id(), openid, now);
    }

    /** Ends the member's WeChat binding (idempotent): WeChat sign-in needs phone + password again. */
    @Transactional
    public void unbindWechat(long memberId) {
        members.updateWechatOpenidAndUpdatedAt(memberId, null, tokens.now());
        wechatBindings.delete(memberId);
    }

    /**
     * Org changed what the member may do. Every access token they hold stops working at once (on every instance);
     * a disabled member's sign-ins end, while after a role change the member's app refreshes to get the new roles.
     */
    @EventListener
    public void onAccessChanged(MemberAccessChanged event) {
        if (event.reason() == MemberAccessChanged.Reason.DISABLED) {
            revokeAll(event.memberId());
        } else {
            generations.raise(event.memberId());
        }
    }

    /** Ends every sign-in of the member: refresh tokens revoked, access tokens invalid from now on. */
    void revokeAll(long memberId) {
        refreshTokens.revokeAllOfMember(memberId, tokens.now());
        generations.raise(memberId);
    }

    Member member(long memberId) {
        return members.findById(memberId)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unknown member"));
    }
}
