package app.vanguard.reading;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** vanguard.reading: how long an article must be open before finishing it counts, and what it earns. */
@ConfigurationProperties("vanguard.reading")
public class ReadingSettings {

    /** Reading speed assumed for the minimum dwell time (characters per minute, whitespace not counted). */
    private int charsPerMinute = 300;
    /** Floor of the minimum dwell time, whatever the article's length. */
    private int minimumSeconds = 10;
    /** Points requested from the ledger for one finished article (the ledger applies the READING daily cap). */
    private int pointsPerArticle = 2;
    /** How many past days of a plan a member may still catch up on (shown as missed). */
    private int catchUpDays = 7;
    /** Lifetime of a branch's cached "today" in Redis. */
    private Duration todayCacheTtl = Duration.ofHours(26);
    /** Branch days each instance also keeps in memory (keyed by the plan generation, so never stale). */
    private long todayLocalCacheSize = 5_000;
    /** From this Asia/Shanghai time, members whose streak is at stake (yesterday done, today not yet) are reminded. */
    private java.time.LocalTime reminderAt = java.time.LocalTime.of(20, 0);
    /** Whether this instance runs the evening reminder job (every instance may: each member is told once a day). */
    private boolean reminderEnabled = true;

    public long getTodayLocalCacheSize() { return todayLocalCacheSize; }
    public void setTodayLocalCacheSize(long todayLocalCacheSize) { this.todayLocalCacheSize = Math.max(1, todayLocalCacheSize); }
    public java.time.LocalTime getReminderAt() { return reminderAt; }
    public void setReminderAt(java.time.LocalTime reminderAt) { this.reminderAt = reminderAt; }
    public boolean isReminderEnabled() { return reminderEnabled; }
    public void setReminderEnabled(boolean reminderEnabled) { this.reminderEnabled = reminderEnabled; }

    public int getCharsPerMinute() {
        return charsPerMinute;
    }

    public void setCharsPerMinute(int charsPerMinute) {
        this.charsPerMinute = charsPerMinute;
    }

    public int getMinimumSeconds() {
        return minimumSeconds;
    }

    public void setMinimumSeconds(int minimumSeconds) {
        this.minimumSeconds = minimumSeconds;
    }

    public int getPointsPerArticle() {
        return pointsPerArticle;
    }

    public void setPointsPerArticle(int pointsPerArticle) {
        this.pointsPerArticle = pointsPerArticle;
    }

    public int getCatchUpDays() {
        return catchUpDays;
    }

    public void setCatchUpDays(int catchUpDays) {
        this.catchUpDays = catchUpDays;
    }

    public Duration getTodayCacheTtl() {
        return todayCacheTtl;
    }

    public void setTodayCacheTtl(Duration todayCacheTtl) {
        this.todayCacheTtl = todayCacheTtl;
    }

    /** The least time, in seconds, an article of this length must stay open: length / speed, at least the floor. */
    public int minimumSecondsFor(int charCount) {
        long byLength = (long) Math.ceil(charCount * 60.0 / Math.max(1, charsPerMinute));
        return (int) Math.max(minimumSeconds, byLength);
    }
}
