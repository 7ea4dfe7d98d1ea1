package app.vanguard.coverage;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.coverage.*: the drive's reporting cycle (每15天通报一轮) and how many of the slowest are called in (约谈). */
@ConfigurationProperties("vanguard.coverage")
public class CoverageSettings {

    /** Days of one reporting cycle. */
    private int cycleDays = 15;
    /** Sub-organisations at the bottom of a snapshot's ranking marked for an accountability talk. */
    private int accountabilityTalks = 1;
    /** The longest a drive may run. */
    private int maxDriveDays = 366;

    public int getCycleDays() { return cycleDays; }
    public void setCycleDays(int cycleDays) { this.cycleDays = cycleDays; }
    public int getAccountabilityTalks() { return accountabilityTalks; }
    public void setAccountabilityTalks(int accountabilityTalks) { this.accountabilityTalks = accountabilityTalks; }
    public int getMaxDriveDays() { return maxDriveDays; }
    public void setMaxDriveDays(int maxDriveDays) { this.maxDriveDays = maxDriveDays; }
}
