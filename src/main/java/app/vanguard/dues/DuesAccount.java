package app.vanguard.dues;

import io.micronaut.core.annotation.Nullable;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's dues arithmetic: the amount due for a month is the latest rate set from that month or before (none
 * before the first rate: that month starts the dues; a zero amount means exempt). A month is in arrears (欠缴) when it
 * has ended (Asia/Shanghai), something was due and no payment is recorded for it.
 */
public final class DuesAccount {

    private final List<DuesStore.Rate> rates;
    private final Map<YearMonth, DuesStore.Payment> payments = new HashMap<>();

    public DuesAccount(List<DuesStore.Rate> rates, List<DuesStore.Payment> payments) {
        this.rates = rates;
        for (DuesStore.Payment p : payments) {
            this.payments.put(p.month(), p);
        }
    }

    public boolean hasRate() {
        return !rates.isEmpty();
    }

    public @Nullable YearMonth start() {
        return rates.isEmpty() ? null : rates.get(0).fromMonth();
    }

    /** What is due for the month (0 before the dues start or when exempt). */
    public long due(YearMonth month) {
        long due = 0;
        for (DuesStore.Rate r : rates) {
            if (r.fromMonth().isAfter(month)) {
                break;
            }
            due = r.amountFen();
        }
        return due;
    }

    public @Nullable DuesStore.Payment payment(YearMonth month) {
        return payments.get(month);
    }

    public @Nullable Long amountNow(YearMonth month) {
        return rates.isEmpty() ? null : due(month);
    }

    /** The member's arrears over the months that have ended before {@code currentMonth}. */
    public Standing standing(YearMonth currentMonth, int flagAfterMonths) {
        YearMonth lastEnded = currentMonth.minusMonths(1);
        int behind = 0;
        int run = 0;
        long owed = 0;
        YearMonth firstUnpaid = null;
        if (!rates.isEmpty()) {
            for (YearMonth m = start(); !m.isAfter(lastEnded); m = m.plusMonths(1)) {
                long due = due(m);
                if (due > 0 && !payments.containsKey(m)) {
                    behind++;
                    run++;
                    owed += due;
                    if (firstUnpaid == null) {
                        firstUnpaid = m;
                    }
                } else {
                    run = 0;
                }
            }
        }
        return new Standing(lastEnded, behind, run, owed, firstUnpaid, run >= flagAfterMonths);
    }

    /** Figures over the months {@code from}..{@code to} that have begun by {@code currentMonth}. */
    public long[] period(YearMonth from, YearMonth to, YearMonth currentMonth) {
        long due = 0;
        long paid = 0;
        long payments = 0;
        boolean inFull = true;
        boolean anyDue = false;
        YearMonth last = to.isAfter(currentMonth) ? currentMonth : to;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            DuesStore.Payment p = this.payments.get(m);
            if (p != null) {
                paid += p.amountFen();
                payments++;
            }
            if (!m.isAfter(last)) {
                long d = due(m);
                if (d > 0) {
                    anyDue = true;
                    due += d;
                    inFull &= p != null;
                }
            }
        }
        return new long[]{due, paid, payments, anyDue && inFull ? 1 : 0};
    }

    /** Arrears as of the last ended month. */
    public record Standing(YearMonth asOf, int monthsBehind, int consecutiveUnpaid, long owedFen,
                           @Nullable YearMonth firstUnpaid, boolean flagged) {
    }
}
