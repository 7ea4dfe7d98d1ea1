package app.vanguard.yearbook;

import app.vanguard.checkin.MeetingFiguresStore;
import app.vanguard.coverage.CoverageViews;
import app.vanguard.coverage.EnterpriseService;
import app.vanguard.dues.DuesService;
import app.vanguard.dues.DuesViews;
import app.vanguard.identity.FiguresService;
import app.vanguard.identity.IdentityViews;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.quiz.ContestFiguresStore;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The committee's dashboard: for a period, per child organisation (other than groups) and for the whole subtree,
 * meetings held against the annual plan, attendance, reading completion and study hours, contest participation,
 * identity declarations, dues arrears and coverage; the bottom-ranked children named per measure. Every figure of a
 * unit is the sum over its branches (and their current enabled members) of what the underlying endpoints report.
 */
@Singleton
public class DashboardService {

    private final OrganisationRepository organisations;
    private final MemberStore members;
    private final MeetingFiguresStore meetings;
    private final StudyHoursService hours;
    private final ContestFiguresStore contests;
    private final FiguresService identity;
    private final DuesService dues;
    private final EnterpriseService coverage;
    private final DashboardSettings settings;
    private final Clock clock;

    public DashboardService(OrganisationRepository organisations, MemberStore members, MeetingFiguresStore meetings,
                            StudyHoursService hours, ContestFiguresStore contests, FiguresService identity,
                            DuesService dues, EnterpriseService coverage, DashboardSettings settings, Clock clock) {
        this.organisations = organisations;
        this.members = members;
        this.meetings = meetings;
        this.hours = hours;
        this.contests = contests;
        this.identity = identity;
        this.dues = dues;
        this.coverage = coverage;
        this.settings = settings;
        this.clock = clock;
    }

    /** Per-branch counters, summed into units. */
    private static final class Tally {
        int branches;
        int members;
        int held;
        int planned;
        int plannedHeld;
        int attended;
        int counted;
        int daysDone;
        long daysExpected;
        int articles;
        BigDecimal studyHours = BigDecimal.ZERO.setScale(2);
        int contestants;
        long received;
        long verified;
        int inArrears;
        long owedFen;
        int flagged;
        Long surveyed;
        Long covered;

        void add(Tally t) {
            branches += t.branches;
            members += t.members;
            held += t.held;
            planned += t.planned;
            plannedHeld += t.plannedHeld;
            attended += t.attended;
            counted += t.counted;
            daysDone += t.daysDone;
            daysExpected += t.daysExpected;
            articles += t.articles;
            studyHours = studyHours.add(t.studyHours);
            contestants += t.contestants;
            received += t.received;
            verified += t.verified;
            inArrears += t.inArrears;
            owedFen += t.owedFen;
            flagged += t.flagged;
        }

        YearbookViews.DashboardFigures figures() {
            BigDecimal average = members == 0 ? BigDecimal.ZERO.setScale(2)
                    : studyHours.divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP);
            return new YearbookViews.DashboardFigures(branches, members, held, planned, plannedHeld,
                    rate(plannedHeld, planned), attended, counted, rate(attended, counted), daysDone, daysExpected,
                    rate(daysDone, daysExpected), articles, studyHours, average, contestants, rate(contestants, members),
                    received, verified, inArrears, owedFen, flagged, surveyed, covered,
                    surveyed == null || surveyed == 0 ? null : rate(covered, surveyed));
        }
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    @Transactional(readOnly = true)
    public YearbookViews.Dashboard dashboard(Organisation org, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= settings.getMaxPeriodDays()) {
            throw ApiException.invalid("to", "the period may span at most " + settings.getMaxPeriodDays() + " days");
        }
        List<Organisation> subtree = org.type() == OrgType.BRANCH ? List.of(org) : organisations.findSubtree(org.path());
        List<Organisation> branches = subtree.stream().filter(o -> o.type() == OrgType.BRANCH).toList();
        List<Long> branchIds = branches.stream().map(Organisation::id).toList();
        Map<Long, Tally> byBranch = new HashMap<>();
        branches.forEach(b -> {
            Tally t = new Tally();
            t.branches = 1;
            byBranch.put(b.id(), t);
        });

        Instant start = from.atStartOfDay(BusinessTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant();
        LocalDate today = BusinessTime.today(clock);
        LocalDate lastCounted = to.isAfter(today) ? today : to;
        long days = lastCounted.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, lastCounted) + 1;

        // members, reading, study hours, contests
        List<MemberStore.MemberName> roster = members.enabledRosters(branchIds);
        List<Long> memberIds = roster.stream().map(MemberStore.MemberName::id).toList();
        Map<Long, StudyHoursService.MemberHours> studied = hours.hours(memberIds, from, to);
        Map<Long, Integer> entered = contests.contestsEntered(memberIds, start.toEpochMilli(), end.toEpochMilli());
        for (MemberStore.MemberName m : roster) {
            Tally t = byBranch.get(m.branchId());
            StudyHoursService.MemberHours h = studied.get(m.id());
            t.members++;
            t.daysDone += h.daysDone();
            t.daysExpected += days;
            t.articles += h.articles();
            t.studyHours = t.studyHours.add(h.totalHours());
            if (entered.containsKey(m.id())) {
                t.contestants++;
            }
        }
        // meetings: held, attendance, the plan
        meetings.heldAndAttendance(branchIds, start, end).forEach((id, f) -> {
            Tally t = byBranch.get(id);
            t.held = f[0];
            t.attended = f[1];
            t.counted = f[2];
        });
        meetings.planKept(branchIds, YearMonth.from(from), YearMonth.from(to)).forEach((id, f) -> {
            Tally t = byBranch.get(id);
            t.planned = f[0];
            t.plannedHeld = f[1];
        });
        // identity declarations
        for (IdentityViews.BranchFigures b : identity.figures(org, from, to).branches()) {
            Tally t = byBranch.get(b.branchId());
            if (t != null) {
                t.received = b.figures().received();
                t.verified = b.figures().verified();
            }
        }
        // dues arrears (as of the last ended month)
        for (DuesViews.BranchArrears b : dues.arrears(org, branches, roster).branches()) {
            Tally t = byBranch.get(b.branchId());
            t.inArrears = b.figures().membersInArrears();
            t.owedFen = b.figures().owedFen();
            t.flagged = b.figures().flagged();
        }

        // units: the children (other than groups), each the sum of its branches; the whole subtree
        List<Organisation> children = subtree.stream().filter(o -> org.id().equals(o.parentId())
                && o.type() != OrgType.GROUP).toList();
        Map<Long, Tally> units = new LinkedHashMap<>();
        children.forEach(c -> units.put(c.id(), new Tally()));
        Tally total = new Tally();
        for (Organisation b : branches) {
            Tally t = byBranch.get(b.id());
            total.add(t);
            for (Organisation c : children) {
                if (b.isWithin(c)) {
                    units.get(c.id()).add(t);
                    break;
                }
            }
        }
        // coverage of the register (where the subtree keeps one)
        if (org.type() != OrgType.BRANCH) {
            CoverageViews.FiguresView cov = coverage.figures(org);
            total.surveyed = cov.total().surveyed();
            total.covered = cov.total().covered();
            for (CoverageViews.GroupFigures g : cov.bySubOrganisation()) {
                Tally t = g.orgId() == null ? null : units.get(g.orgId());
                if (t != null) {
                    t.surveyed = g.figures().surveyed();
                    t.covered = g.figures().covered();
                }
            }
        }

        List<YearbookViews.DashboardUnit> unitViews = new ArrayList<>();
        for (Organisation c : children) {
            unitViews.add(new YearbookViews.DashboardUnit(c.id(), c.name(), c.type().name(),
                    units.get(c.id()).figures()));
        }
        List<YearbookViews.Bottom> bottom = new ArrayList<>();
        bottom.add(bottom("complianceRate", unitViews, f -> f.complianceRate()));
        bottom.add(bottom("attendanceRate", unitViews, f -> f.attendanceRate()));
        bottom.add(bottom("readingCompletion", unitViews, f -> f.readingCompletion()));
        bottom.add(bottom("averageStudyHours", unitViews, f -> f.members() == 0 ? null
                : f.averageStudyHours().doubleValue()));
        bottom.add(bottom("contestParticipation", unitViews, f -> f.contestParticipation()));
        bottom.add(bottom("duesPaidUp", unitViews, f -> f.members() == 0 ? null
                : 1 - f.duesMembersInArrears() / (double) f.members()));
        bottom.add(bottom("coverageRate", unitViews, f -> f.coverageRate()));
        return new YearbookViews.Dashboard(org.id(), org.name(), from, to, total.figures(), unitViews, bottom);
    }

    /** The lowest children on a measure (those with a value), lowest first, ties by name. */
    private YearbookViews.Bottom bottom(String measure, List<YearbookViews.DashboardUnit> units,
                                        Function<YearbookViews.DashboardFigures, Double> value) {
        List<YearbookViews.Ranked> ranked = units.stream().filter(u -> value.apply(u.figures()) != null)
                .map(u -> new YearbookViews.Ranked(u.orgId(), u.name(), value.apply(u.figures())))
                .sorted(Comparator.comparingDouble(YearbookViews.Ranked::value).thenComparing(YearbookViews.Ranked::name))
                .limit(settings.getBottomCount()).toList();
        return new YearbookViews.Bottom(measure, ranked);
    }
}
