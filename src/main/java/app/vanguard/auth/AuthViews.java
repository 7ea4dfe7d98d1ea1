package app.vanguard.auth;

import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The requests and responses of sign-in, tokens and the account endpoints. */
public final class AuthViews {

    private AuthViews() {
    }

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 20) String phone, @NotBlank @Size(max = 128) String password) {
        public LoginRequest {
            phone = Phones.normalise(phone);
        }
    }

    @Serdeable
    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Serdeable
    public record WechatLoginRequest(@NotBlank @Size(max = 200) String code) {
    }

    @Serdeable
    public record WechatBindRequest(@NotBlank @Size(max = 200) String bindTicket,
                                    @NotBlank @Size(max = 20) String phone,
                                    @NotBlank @Size(max = 128) String password) {
        public WechatBindRequest {
            phone = Phones.normalise(phone);
        }
    }

    /** BOUND with tokens, or BIND_REQUIRED with a ticket for {@code POST /auth/wechat/bind}. */
    @Serdeable
    public record WechatLoginResponse(String status, @Nullable TokenResponse tokens, @Nullable String bindTicket) {
    }

    @Serdeable
    public record ChangePasswordRequest(@NotBlank @Size(max = 128) String currentPassword,
                                        @NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    /** Whether WeChat is bound, since when, and which account (the openid's last 6 characters). */
    @Serdeable
    public record WechatBindingView(boolean bound, @Nullable Instant boundAt, @Nullable String openidSuffix) {
    }

    /** An access token (JWT, short-lived) and the refresh token that replaces it (single use, rotated). */
    @Serdeable
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                                long refreshExpiresIn) {
    }
}
