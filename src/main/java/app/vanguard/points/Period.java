package app.vanguard.points;

import app.vanguard.shared.BusinessTime;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The time spans a leaderboard covers, in Asia/Shanghai business days: a day, an ISO week (Monday to Sunday), a
 * calendar month, or all time.
 */
public enum Period {
    DAY, WEEK, MONTH, ALL;

    /** The first day any dated board containing {@code date} covers: the earlier of its week's and month's start. */
    public static LocalDate earliestStart(LocalDate date) {
        LocalDate week = WEEK.start(date);
        LocalDate month = MONTH.start(date);
        return week.isBefore(month) ? week : month;
    }

    /** First business day of the period containing {@code date} (null for ALL). */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case ALL -> null;
        };
    }

    /** Last business day of the period containing {@code date} (null for ALL). */
    public LocalDate end(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
            case ALL -> null;
        };
    }

    /** The period's name inside Redis keys: D20261124, W2026-48 (ISO week-based year), M202611, A. */
    public String key(LocalDate date) {
        return switch (this) {
            // Plain concatenation: this runs for every board of every award and read (String.format showed in
            // the benchmark's CPU profile).
            case DAY -> "D" + date.getYear() + twoDigits(date.getMonthValue()) + twoDigits(date.getDayOfMonth());
            case WEEK -> "W" + date.get(IsoFields.WEEK_BASED_YEAR) + "-" + twoDigits(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> "M" + date.getYear() + twoDigits(date.getMonthValue());
            case ALL -> "A";
        };
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Whether the business date falls in the period containing {@code date}. */
    public boolean contains(LocalDate date, LocalDate businessDate) {
        return this == ALL || (!businessDate.isBefore(start(date)) && !businessDate.isAfter(end(date)));
    }

    /**
     * When the board of the period containing {@code date} expires (epoch ms): {@code retentionDays} after the
     * period's last day ends (Shanghai midnight); 0 for ALL, which never expires.
     */
    public long expiresAtMs(LocalDate date, int retentionDays) {
        if (this == ALL) {
            return 0;
        }
        return end(date).plusDays(1L + retentionDays).atStartOfDay(BusinessTime.ZONE).toInstant().toEpochMilli();
    }
}
