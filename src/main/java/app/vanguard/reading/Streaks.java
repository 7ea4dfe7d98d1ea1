package app.vanguard.reading;

import java.time.LocalDate;
import java.util.List;

/**
 * Reading streaks over Asia/Shanghai days on which the day's reading was done. The current streak ends today, or
 * yesterday while today is not done yet (it is still alive until today ends); one day without it breaks the streak.
 */
final class Streaks {

    record Result(int current, int longest, boolean todayDone, LocalDate lastDone) {
    }

    private Streaks() {
    }

    /** @param doneDays ascending, distinct */
    static Result of(List<LocalDate> doneDays, LocalDate today) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : doneDays) {
            if (day.isAfter(today)) {
                break;
            }
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        boolean todayDone = today.equals(previous);
        int current = previous != null && (todayDone || previous.equals(today.minusDays(1))) ? run : 0;
        return new Result(current, longest, todayDone, previous);
    }
}
