package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.MemberAccessChanged;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.PasswordHasher;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;

/** A signed-in member's own credentials (password change), and auth's reaction to org's access changes. */
@Singleton
public class AccountService {

    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RefreshTokenRepository refreshTokens;
    private final TokenService tokens;

    public AccountService(MemberRepository members, PasswordHasher hasher, LoginThrottle throttle,
                          RefreshTokenRepository refreshTokens, TokenService tokens) {
        this.members = members;
        this.hasher = hasher;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
    }

    /** Checks the current password under the sign-in throttle, stores the new one and ends every sign-in. */
    public void changePassword(long memberId, String currentPassword, String newPassword) {
        Member m = member(memberId);
        throttle.beforeAttempt(m.phone(), null);
        if (!hasher.matches(currentPassword, m.passwordHash())) {
            throttle.recordFailure(m.phone());
            throw new ApiException(HttpStatus.BAD_REQUEST, "CURRENT_PASSWORD_WRONG", "Current password is wrong",
                    List.of(new Problem.FieldError("currentPassword", null, "does not match")));
        }
        members.updatePasswordHashAndPasswordChangeRequiredAndUpdatedAt(m.id(), hasher.hash(newPassword), false,
                tokens.now());
        revokeAll(m.id()); // every device signs in again with the new password
    }

    /** Org changed what the member may do (e.g. disabled them): their sign-ins end. */
    @EventListener
    public void onAccessChanged(MemberAccessChanged event) {
        revokeAll(event.memberId());
    }

    void revokeAll(long memberId) {
        refreshTokens.revokeAllOfMember(memberId, tokens.now());
    }

    Member member(long memberId) {
        return members.findById(memberId)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unknown member"));
    }
}
