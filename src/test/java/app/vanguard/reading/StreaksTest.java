package app.vanguard.reading;

import app.vanguard.support.TestDates;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stored streak (one row, advanced day by day) answers exactly what counting every done day answers: on made-up
 * histories of runs and gaps, on every day from the first done day to two days after the last.
 */
class StreaksTest {

    /** Histories start 400 days before the suite's base date (any day would do: the rules see only differences). */
    private static final LocalDate START = TestDates.day(-400);

    @Test
    void theSummaryAdvancedDayByDayAnswersAsEveryDoneDayDoes() {
        Random random = new Random(20261203L);
        for (int history = 0; history < 300; history++) {
            List<LocalDate> days = new ArrayList<>();
            LocalDate day = START.plusDays(random.nextInt(5));
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                days.add(day);
                // mostly consecutive days, sometimes a gap of one to ten days
                day = day.plusDays(random.nextInt(6) == 0 ? 2 + random.nextInt(10) : 1);
            }
            Streaks.Summary summary = null;
            List<LocalDate> seen = new ArrayList<>();
            for (LocalDate d : days) {
                assertTrue(Streaks.advances(summary, d));
                summary = Streaks.advance(summary, d);
                seen.add(d);
                // on the day itself, the next day (still alive) and the one after (broken)
                for (int after = 0; after <= 2; after++) {
                    LocalDate today = d.plusDays(after);
                    assertEquals(Streaks.of(seen, today), Streaks.of(summary, today), "history " + history + " on " + today);
                }
                assertFalse(Streaks.advances(summary, d));
            }
            assertEquals(summary, Streaks.summarise(days));
        }
    }

    @Test
    void noDoneDayIsNoStreak() {
        assertNull(Streaks.summarise(List.of()));
        assertEquals(new Streaks.Result(0, 0, false, null), Streaks.of((Streaks.Summary) null, START));
        assertTrue(Streaks.readable(null, START));
    }

    @Test
    void aSummaryAheadOfTodayIsNotReadable() {
        Streaks.Summary summary = Streaks.advance(null, START.plusDays(3));
        assertFalse(Streaks.readable(summary, START));
        assertTrue(Streaks.readable(summary, START.plusDays(3)));
    }
}
