package app.vanguard.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A period of whole Asia/Shanghai months named as a year (2026), a quarter (2026-Q1) or a month (2026-03). */
public record MonthPeriod(String label, YearMonth first, int months) {

    private static final Pattern TEXT = Pattern.compile("^(\\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$");

    public YearMonth last() {
        return first.plusMonths(months - 1L);
    }

    public LocalDate from() {
        return first.atDay(1);
    }

    public LocalDate to() {
        return last().atEndOfMonth();
    }

    /** Parses the period text; a 400 VALIDATION_FAILED naming {@code field} when it is not one. */
    public static MonthPeriod parse(String field, String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw ApiException.invalid(field, "must be a year (2026), a quarter (2026-Q1) or a month (2026-03)");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2100) {
            throw ApiException.invalid(field, "must be a year from 2000 to 2100");
        }
        if (m.group(2) != null) {
            return new MonthPeriod(text.trim(), YearMonth.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1), 3);
        }
        if (m.group(3) != null) {
            return new MonthPeriod(text.trim(), YearMonth.of(year, Integer.parseInt(m.group(3))), 1);
        }
        return new MonthPeriod(text.trim(), YearMonth.of(year, 1), 12);
    }
}
