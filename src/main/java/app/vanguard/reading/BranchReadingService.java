package app.vanguard.reading;

import app.vanguard.org.MemberStore;
import app.vanguard.reading.ReadingViews.CompletionView;
import app.vanguard.reading.ReadingViews.MemberCompletion;
import app.vanguard.reading.ReadingViews.MemberRef;
import app.vanguard.reading.ReadingViews.Period;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A branch's reading completion over a day, a week (Monday to Sunday) or a month, for its secretary: per enabled
 * member on the roster, articles read, days read and days with the day's reading done; and who has read nothing.
 */
@Singleton
public class BranchReadingService {

    private final ReadingStore store;
    private final MemberStore members;
    private final Clock clock;

    public BranchReadingService(ReadingStore store, MemberStore members, Clock clock) {
        this.store = store;
        this.members = members;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CompletionView completion(long branchId, Period period, LocalDate date) {
        LocalDate from = switch (period) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
        LocalDate to = switch (period) {
            case DAY -> date;
            case WEEK -> from.plusDays(6);
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
        };
        LocalDate today = BusinessTime.today(clock);
        LocalDate lastCounted = to.isAfter(today) ? today : to;
        long countedDays = lastCounted.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, lastCounted) + 1;
        List<MemberStore.MemberName> roster = members.enabledRoster(branchId);
        Map<Long, ReadingStore.MemberCounts> counts = store.counts(roster.stream().map(MemberStore.MemberName::id)
                .toList(), from, to);
        List<MemberCompletion> completions = roster.stream().map(m -> {
            ReadingStore.MemberCounts c = counts.getOrDefault(m.id(), ReadingStore.MemberCounts.NONE);
            return new MemberCompletion(m.id(), m.name(), c.articlesRead(), c.daysRead(), c.daysDone());
        }).toList();
        List<MemberRef> notRead = new ArrayList<>();
        int read = 0;
        int done = 0;
        for (MemberCompletion m : completions) {
            if (m.articlesRead() == 0) {
                notRead.add(new MemberRef(m.memberId(), m.name()));
            } else {
                read++;
            }
            if (countedDays > 0 && m.daysDone() >= countedDays) {
                done++;
            }
        }
        return new CompletionView(branchId, period, from, to, completions.size(), read, done, completions, notRead);
    }
}
