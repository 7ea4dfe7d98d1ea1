package app.vanguard.auth;

import io.micronaut.serde.annotation.Serdeable;

/** An access token (JWT, short-lived) and the refresh token that replaces it (single use, rotated). */
@Serdeable
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                            long refreshExpiresIn) {
}
