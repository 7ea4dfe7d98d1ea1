package app.vanguard.yearbook;

import app.vanguard.dues.DuesService;
import app.vanguard.dues.DuesViews;
import app.vanguard.identity.IdentityStore;
import app.vanguard.org.MemberStore;
import app.vanguard.points.PointsStore;
import app.vanguard.points.PointsViews;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Workbook;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's year: reading (articles, days done, hours), attendance by meeting type with study hours,
 * commitments with the year's review, dues and points; from 1 January to 31 December, or to today in the current
 * year (Asia/Shanghai).
 */
@Singleton
public class MemberYearService {

    private final StudyHoursService hours;
    private final StudyHoursReports reports;
    private final IdentityStore identity;
    private final DuesService dues;
    private final PointsStore points;
    private final Clock clock;

    public MemberYearService(StudyHoursService hours, StudyHoursReports reports, IdentityStore identity,
                             DuesService dues, PointsStore points, Clock clock) {
        this.hours = hours;
        this.reports = reports;
        this.identity = identity;
        this.dues = dues;
        this.points = points;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public YearbookViews.MemberYear year(MemberStore.MemberName member, int year) {
        LocalDate today = BusinessTime.today(clock);
        if (year > today.getYear()) {
            throw ApiException.invalid("year", "must not be after this year");
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        StudyHoursService.MemberHours h = hours.hours(List.of(member.id()), from, to).get(member.id());
        int expected = h.expected();
        int attended = h.attended();
        int onLeave = h.meetings().values().stream().mapToInt(c -> c.onLeave()).sum();
        Double rate = expected == 0 ? null : Math.round(attended * 10000.0 / expected) / 10000.0;
        List<YearbookViews.YearCommitment> commitments = identity.commitmentsOf(member.id(), year).stream()
                .map(c -> new YearbookViews.YearCommitment(c.id(), c.content(), c.status(), c.note(), c.verdict(),
                        c.reviewComment())).toList();
        DuesViews.MemberDues d = dues.memberYear(member, year);
        int monthsDue = 0;
        int monthsPaid = 0;
        long dueFen = 0;
        long paidFen = 0;
        for (DuesViews.MonthView m : d.months()) {
            if (m.dueFen() > 0 && !java.time.YearMonth.parse(m.month()).atDay(1).isAfter(to)) {
                monthsDue++;
                dueFen += m.dueFen();
            }
            if (m.paid()) {
                monthsPaid++;
                paidFen += m.payment().amountFen();
            }
        }
        PointsViews.History ledger = points.history(member.id(), from, to, 0, 1);
        return new YearbookViews.MemberYear(member.id(), member.name(), member.branchId(), member.branchName(), year,
                from, to, new YearbookViews.YearReading(h.articles(), h.daysDone(), h.readingMs() / 1000,
                h.readingHours()), new YearbookViews.YearAttendance(expected, attended, onLeave, rate),
                reports.meetings(h), h.meetingHours(), h.totalHours(), commitments,
                new YearbookViews.YearDues(d.currentAmountFen(), monthsDue, monthsPaid, dueFen, paidFen,
                        d.standing().monthsBehind(), d.standing().consecutiveUnpaid(), d.standing().owedFen(),
                        d.standing().flagged()),
                new YearbookViews.YearPoints(ledger.points(), ledger.byAction().stream()
                        .map(a -> new YearbookViews.PointsByAction(a.action().name(), a.points())).toList()));
    }

    /** The year as a printable workbook: the summary, the meetings by type, the commitments. */
    public byte[] xlsx(YearbookViews.MemberYear y) {
        List<List<Object>> summary = new ArrayList<>();
        summary.add(List.of("姓名", y.name()));
        summary.add(List.of("党支部", y.branchName() == null ? "" : y.branchName()));
        summary.add(List.of("年度", y.year()));
        summary.add(List.of("统计期间", y.from() + " 至 " + y.to()));
        summary.add(List.of("通读条目数", y.reading().articlesRead()));
        summary.add(List.of("完成阅读天数", y.reading().daysDone()));
        summary.add(List.of("阅读学时", y.reading().readingHours()));
        summary.add(List.of("应参加会议", y.attendance().expected()));
        summary.add(List.of("实参加会议", y.attendance().attended()));
        summary.add(List.of("请假", y.attendance().onLeave()));
        summary.add(List.of("出勤率", y.attendance().attendanceRate() == null ? "" : y.attendance().attendanceRate()));
        summary.add(List.of("会议学时", y.meetingHours()));
        summary.add(List.of("总学时", y.totalHours()));
        summary.add(List.of("党费应交（分）", y.dues().dueFen()));
        summary.add(List.of("党费已交（分）", y.dues().paidFen()));
        summary.add(List.of("欠缴月数", y.dues().monthsBehind()));
        summary.add(List.of("连续欠缴月数", y.dues().consecutiveUnpaid()));
        summary.add(List.of("积分", y.points().total()));
        List<List<Object>> meetings = y.meetings().stream().map(m -> List.<Object>of(m.type().name(), m.expected(),
                m.attended(), m.onLeave(), m.hours())).toList();
        List<List<Object>> commitments = y.commitments().stream().map(c -> java.util.Arrays.<Object>asList(
                c.content(), c.status(), c.note(), c.verdict(), c.reviewComment())).toList();
        return new Workbook()
                .sheet("year-" + y.year(), List.of("项目", "内容"), summary)
                .sheet("meetings", List.of("type", "expected", "attended", "onLeave", "hours"), meetings)
                .sheet("commitments", List.of("content", "status", "note", "verdict", "reviewComment"), commitments)
                .xlsx();
    }
}
