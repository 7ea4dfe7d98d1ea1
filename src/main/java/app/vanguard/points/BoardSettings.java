package app.vanguard.points;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Leaderboard settings under vanguard.points.boards. */
@ConfigurationProperties("vanguard.points.boards")
public class BoardSettings {

    /** Days a day board is kept after its day ends. */
    private int dayRetentionDays = 7;
    /** Days a week or month board is kept after its period ends. */
    private int periodRetentionDays = 35;
    /** Longest a board read waits for Redis before answering 503. */
    private Duration readTimeout = Duration.ofMillis(500);
    /** Longest an award waits for its board update before leaving it to the catch-up. */
    private Duration writeTimeout = Duration.ofMillis(500);
    /** Ledger entries younger than this are left to their own live update; the catch-up takes them after it. */
    private Duration catchUpLag = Duration.ofSeconds(30);
    /** Ledger entries a rebuild reads per page (whole members: a page may hold more). */
    private int rebuildPageRows = 10_000;
    /** The rebuild lock's lease, renewed before every step of a rebuild (longer than any step); gone = abandoned. */
    private Duration rebuildLease = Duration.ofSeconds(60);
    /** How long a rebuild job's status stays readable after it starts, and again after it ends. */
    private Duration rebuildJobTtl = Duration.ofHours(24);
    /** Retry-After sent with 503 LEADERBOARD_REBUILDING while a board is being rebuilt. */
    private Duration rebuildRetryAfter = Duration.ofSeconds(5);
    /** Most members whose name and branch an instance keeps for the boards (see {@link BoardNames}). */
    private long nameCacheSize = 100_000;
    /** How long a kept name counts: a renamed (or erased) member shows the new name within this on every instance. */
    private Duration nameCacheTtl = Duration.ofSeconds(30);

    public long getNameCacheSize() {
        return nameCacheSize;
    }

    public void setNameCacheSize(long nameCacheSize) {
        this.nameCacheSize = Math.max(1, nameCacheSize);
    }

    public Duration getNameCacheTtl() {
        return nameCacheTtl;
    }

    public void setNameCacheTtl(Duration nameCacheTtl) {
        this.nameCacheTtl = nameCacheTtl;
    }

    public Duration getRebuildRetryAfter() {
        return rebuildRetryAfter;
    }

    public void setRebuildRetryAfter(Duration rebuildRetryAfter) {
        this.rebuildRetryAfter = rebuildRetryAfter;
    }

    public int getDayRetentionDays() {
        return dayRetentionDays;
    }

    public void setDayRetentionDays(int dayRetentionDays) {
        this.dayRetentionDays = dayRetentionDays;
    }

    public int getPeriodRetentionDays() {
        return periodRetentionDays;
    }

    public void setPeriodRetentionDays(int periodRetentionDays) {
        this.periodRetentionDays = periodRetentionDays;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public Duration getCatchUpLag() {
        return catchUpLag;
    }

    public void setCatchUpLag(Duration catchUpLag) {
        this.catchUpLag = catchUpLag;
    }

    public int getRebuildPageRows() {
        return rebuildPageRows;
    }

    public void setRebuildPageRows(int rebuildPageRows) {
        this.rebuildPageRows = Math.max(1, rebuildPageRows);
    }

    public Duration getRebuildLease() {
        return rebuildLease;
    }

    public void setRebuildLease(Duration rebuildLease) {
        this.rebuildLease = rebuildLease;
    }

    public Duration getRebuildJobTtl() {
        return rebuildJobTtl;
    }

    public void setRebuildJobTtl(Duration rebuildJobTtl) {
        this.rebuildJobTtl = rebuildJobTtl;
    }

    public int retentionDays(Period period) {
        return period == Period.DAY ? dayRetentionDays : periodRetentionDays;
    }
}
