package app.vanguard.org;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.auth.bcrypt-cost: how members' passwords are hashed (org stores them; auth checks them at sign-in). */
@ConfigurationProperties("vanguard.auth")
public class PasswordSettings {

    /** BCrypt cost factor of stored passwords. */
    private int bcryptCost = 10;

    public int getBcryptCost() { return bcryptCost; }
    public void setBcryptCost(int bcryptCost) { this.bcryptCost = bcryptCost; }
}
