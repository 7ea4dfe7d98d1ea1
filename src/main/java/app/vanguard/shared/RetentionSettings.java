package app.vanguard.shared;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How long personal data is kept (vanguard.retention). */
@ConfigurationProperties("vanguard.retention")
public class RetentionSettings {

    /** Check-in coordinates are blanked this long after the check-in (the distance and the flag stay). */
    private Duration coordinates = Duration.ofDays(90);
    /** Refresh tokens are deleted this long after they expired, were used (rotated) or revoked. */
    private Duration spentTokens = Duration.ofDays(7);
    /** Reading sessions (open/finish times) are deleted this long after they started (completions stay). */
    private Duration readingSessions = Duration.ofDays(90);
    /**
     * A non-member guest's name and workplace (open Party lessons) are replaced by a placeholder this long after the
     * invitation; the guest row and its attendance stay, so the record book's guest counts do not change.
     */
    private Duration guestNames = Duration.ofDays(3 * 365);
    /** Rows one purge statement touches at most (a pass repeats it until less is left). */
    private int batchSize = 1000;

    public Duration getCoordinates() {
        return coordinates;
    }

    public void setCoordinates(Duration coordinates) {
        this.coordinates = coordinates;
    }

    public Duration getSpentTokens() {
        return spentTokens;
    }

    public void setSpentTokens(Duration spentTokens) {
        this.spentTokens = spentTokens;
    }

    public Duration getReadingSessions() {
        return readingSessions;
    }

    public void setReadingSessions(Duration readingSessions) {
        this.readingSessions = readingSessions;
    }

    public Duration getGuestNames() {
        return guestNames;
    }

    public void setGuestNames(Duration guestNames) {
        this.guestNames = guestNames;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
