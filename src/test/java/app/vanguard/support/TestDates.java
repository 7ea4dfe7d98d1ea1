package app.vanguard.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The suite's one base date. Every date a test uses derives from {@link #today()}: the Asia/Shanghai date of the run,
 * or the date given with {@code -Dtest.today=YYYY-MM-DD} (and, for the Shanghai-midnight edge, a time of day with
 * {@code -Dtest.time=HH:mm:ss}). Tests never write a year of their own.
 */
public final class TestDates {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final LocalDate TODAY;
    private static final LocalTime TIME;
    /** Real time when the suite started, so an unfrozen test clock runs on from the base date. */
    private static final Instant STARTED = Instant.now();

    static {
        String day = System.getProperty("test.today", "").trim();
        String time = System.getProperty("test.time", "").trim();
        LocalDateTime realNow = LocalDateTime.ofInstant(STARTED, SHANGHAI);
        TODAY = day.isEmpty() ? realNow.toLocalDate() : LocalDate.parse(day);
        TIME = time.isEmpty() ? realNow.toLocalTime() : LocalTime.parse(time);
    }

    private TestDates() {
    }

    /** The base date (Asia/Shanghai). */
    public static LocalDate today() {
        return TODAY;
    }

    /** The base date moved by a number of days. */
    public static LocalDate day(int offsetDays) {
        return TODAY.plusDays(offsetDays);
    }

    /** The base year. */
    public static int year() {
        return TODAY.getYear();
    }

    /** The month of the base date. */
    public static YearMonth month() {
        return YearMonth.from(TODAY);
    }

    /** Monday of the base date's ISO week. */
    public static LocalDate monday() {
        return TODAY.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }

    /** The instant of a Shanghai wall-clock time on a date. */
    public static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** The instant of a Shanghai wall-clock time on the base date moved by {@code offsetDays}. */
    public static Instant at(int offsetDays, int hour, int minute) {
        return at(day(offsetDays), hour, minute);
    }

    /** The Asia/Shanghai date of an instant. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, SHANGHAI);
    }

    /** The compliance period name of a date's quarter, e.g. {@code 2031-Q1}. */
    public static String quarterOf(LocalDate date) {
        return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    /** {@link #now()} in epoch milliseconds. */
    public static long nowMillis() {
        return now().toEpochMilli();
    }

    /** The instant a test run starts at: the base date at the real (or given) Shanghai time of day. */
    static Instant startInstant() {
        return TODAY.atTime(TIME).atZone(SHANGHAI).toInstant();
    }

    /**
     * Now on the suite's timeline (what an unfrozen {@link TestClock} reads): the start instant plus the real time
     * elapsed since the suite began.
     */
    public static Instant now() {
        return startInstant().plus(Duration.between(STARTED, Instant.now()));
    }

    /** An instant as the API writes it: ISO-8601 with the +08:00 offset. */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(SHANGHAI).toOffsetDateTime().toString();
    }

    /** The epoch milliseconds of an API date-time (ISO-8601 with an offset). */
    public static long millis(String iso) {
        return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }
}
