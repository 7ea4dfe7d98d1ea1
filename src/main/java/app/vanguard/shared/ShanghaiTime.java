package app.vanguard.shared;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * How instants read to people: the API writes them as ISO-8601 with +08:00, and exports and error details as
 * Asia/Shanghai local time ({@code 2026-11-24 07:36}).
 */
public final class ShanghaiTime {

    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ShanghaiTime() {
    }

    /** ISO-8601 with the +08:00 offset, to the millisecond (omitted when zero). */
    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atZone(BusinessTime.ZONE).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static String format(long epochMillis) {
        return format(Instant.ofEpochMilli(epochMillis));
    }

    /** "2026-11-24 07:36": for error details. */
    public static String minutes(Instant instant) {
        return instant.atZone(BusinessTime.ZONE).format(LOCAL_MINUTES);
    }

    /** "2026-11-24 07:36:50": for exports (a column a secretary prints). */
    public static String seconds(@Nullable Instant instant) {
        return instant == null ? "" : instant.atZone(BusinessTime.ZONE).format(LOCAL_SECONDS);
    }

    /** ISO-8601 with an offset or Z, or without one as Asia/Shanghai local time; null when not a date-time. */
    public static @Nullable Instant parse(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(BusinessTime.ZONE).toInstant();
            } catch (DateTimeParseException notADateTime) {
                return null;
            }
        }
    }
}
