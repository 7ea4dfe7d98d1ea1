package app.vanguard.yearbook;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.dashboard.*: how many bottom-ranked child organisations the dashboard names per measure, the longest period. */
@ConfigurationProperties("vanguard.dashboard")
public class DashboardSettings {

    private int bottomCount = 3;
    private int maxPeriodDays = 3660;

    public int getBottomCount() { return bottomCount; }
    public void setBottomCount(int bottomCount) { this.bottomCount = bottomCount; }
    public int getMaxPeriodDays() { return maxPeriodDays; }
    public void setMaxPeriodDays(int maxPeriodDays) { this.maxPeriodDays = maxPeriodDays; }
}
