package app.vanguard.reading;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reading streaks over Asia/Shanghai days on which the day's reading was done. The current streak ends today, or
 * yesterday while today is not done yet (it is still alive until today ends); one day without it breaks the streak.
 * <p>
 * A member's streak is kept as a {@link Summary} (reading_streak, V105: the last done day, the first day of the run
 * ending there, the longest run), advanced by each finish that makes a later day done, so reading it costs one row
 * however long the member's history. {@link #of(List, LocalDate)} computes the same from every done day: for the
 * rare day done out of order (a clock set back), and to check the summary's rules in tests.
 */
final class Streaks {

    record Result(int current, int longest, boolean todayDone, @Nullable LocalDate lastDone) {
    }

    /** The stored streak: the last done day, the first day of the run ending there, and the longest run. */
    record Summary(LocalDate lastDone, LocalDate runFrom, int longest) {
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

    /** The streak a summary stands for on {@code today} (not after its last done day: see {@link #readable}). */
    static Result of(@Nullable Summary summary, LocalDate today) {
        if (summary == null) {
            return new Result(0, 0, false, null);
        }
        boolean todayDone = today.equals(summary.lastDone());
        boolean alive = todayDone || summary.lastDone().equals(today.minusDays(1));
        return new Result(alive ? length(summary) : 0, summary.longest(), todayDone, summary.lastDone());
    }

    /** Whether the summary can answer for {@code today}: its last done day is not after today (a clock set back). */
    static boolean readable(@Nullable Summary summary, LocalDate today) {
        return summary == null || !summary.lastDone().isAfter(today);
    }

    /** Whether {@code day} becoming done moves the summary forward (false: already counted, or out of order). */
    static boolean advances(@Nullable Summary summary, LocalDate day) {
        return summary == null || day.isAfter(summary.lastDone());
    }

    /** The summary once {@code day}, later than its last done day ({@link #advances}), is done too. */
    static Summary advance(@Nullable Summary summary, LocalDate day) {
        if (summary == null) {
            return new Summary(day, day, 1);
        }
        LocalDate runFrom = day.equals(summary.lastDone().plusDays(1)) ? summary.runFrom() : day;
        Summary next = new Summary(day, runFrom, 0);
        return new Summary(day, runFrom, Math.max(summary.longest(), length(next)));
    }

    /** The summary of every done day (ascending, distinct); null when there is none. */
    @Nullable
    static Summary summarise(List<LocalDate> doneDays) {
        Summary s = null;
        for (LocalDate day : doneDays) {
            s = advance(s, day);
        }
        return s;
    }

    private static int length(Summary s) {
        return (int) ChronoUnit.DAYS.between(s.runFrom(), s.lastDone()) + 1;
    }
}
