package app.vanguard.reading;

import app.vanguard.shared.Sql;
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

/**
 * A branch's reading completion over a day, a week (Monday to Sunday) or a month, for its secretary: per enabled
 * member on the roster, articles read, days read and days with the day's reading done; and who has read nothing.
 */
@Singleton
public class BranchReadingService {

    private final Sql sql;
    private final Clock clock;

    public BranchReadingService(Sql sql, Clock clock) {
        this.sql = sql;
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
        List<MemberCompletion> members = sql.list("SELECT m.id, m.name, "
                + "(SELECT COUNT(*) FROM reading_completion c WHERE c.member_id = m.id AND c.business_date BETWEEN ? AND ?), "
                + "(SELECT COUNT(*) FROM reading_day d WHERE d.member_id = m.id AND d.business_date BETWEEN ? AND ?), "
                + "(SELECT COUNT(*) FROM reading_day d WHERE d.member_id = m.id AND d.done "
                + "AND d.business_date BETWEEN ? AND ?) "
                + "FROM member m WHERE m.branch_id = ? AND m.enabled ORDER BY m.name, m.id",
                rs -> new MemberCompletion(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)),
                from, to, from, to, from, to, branchId);
        List<MemberRef> notRead = new ArrayList<>();
        int read = 0;
        int done = 0;
        for (MemberCompletion m : members) {
            if (m.articlesRead() == 0) {
                notRead.add(new MemberRef(m.memberId(), m.name()));
            } else {
                read++;
            }
            if (countedDays > 0 && m.daysDone() >= countedDays) {
                done++;
            }
        }
        return new CompletionView(branchId, period, from, to, members.size(), read, done, members, notRead);
    }
}
