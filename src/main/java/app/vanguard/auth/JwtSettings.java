package app.vanguard.auth;

import io.micronaut.context.annotation.ConfigurationProperties;


/** The JWT signing secret as Micronaut Security reads it (JWT_SECRET), for the prod guard. */
@ConfigurationProperties("micronaut.security.token.jwt.signatures.secret.generator")
public class JwtSettings {

    /** HMAC secret of access tokens, 32+ characters. */
    private String secret = "";

    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
}
