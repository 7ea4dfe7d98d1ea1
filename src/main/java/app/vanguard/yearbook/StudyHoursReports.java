package app.vanguard.yearbook;

import app.vanguard.checkin.MeetingFiguresStore;
import app.vanguard.checkin.MeetingType;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.shared.MonthPeriod;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Study hours per member, per branch and per subtree over a period. */
@Singleton
public class StudyHoursReports {

    private final StudyHoursService hours;
    private final MemberStore members;
    private final YearbookAccess access;

    public StudyHoursReports(StudyHoursService hours, MemberStore members, YearbookAccess access) {
        this.hours = hours;
        this.members = members;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public YearbookViews.MemberStudyHours member(MemberStore.MemberName member, MonthPeriod period) {
        StudyHoursService.MemberHours h = hours.hours(List.of(member.id()), period.from(), period.to()).get(member.id());
        return new YearbookViews.MemberStudyHours(member.id(), member.name(), member.branchId(), period.label(),
                period.from(), period.to(), h.articles(), h.readingMs() / 1000, h.readingHours(), meetings(h),
                h.meetingHours(), h.totalHours());
    }

    List<YearbookViews.MeetingHours> meetings(StudyHoursService.MemberHours h) {
        Map<MeetingType, BigDecimal> each = hours.hoursPerType();
        List<YearbookViews.MeetingHours> out = new ArrayList<>();
        for (MeetingType t : MeetingType.values()) {
            MeetingFiguresStore.TypeCounts c = h.meetings().get(t);
            if (c != null) {
                out.add(new YearbookViews.MeetingHours(t, c.expected(), c.attended(), c.onLeave(), each.get(t),
                        each.get(t).multiply(BigDecimal.valueOf(c.attended())).setScale(2)));
            }
        }
        return out;
    }

    /** Per branch of the subtree and in total; a branch's own report lists its members. */
    @Transactional(readOnly = true)
    public YearbookViews.StudyHoursReport report(Organisation org, MonthPeriod period) {
        List<Organisation> branches = access.branches(org);
        List<MemberStore.MemberName> roster = members.enabledRosters(branches.stream().map(Organisation::id).toList());
        Map<Long, StudyHoursService.MemberHours> byMember = hours.hours(roster.stream()
                .map(MemberStore.MemberName::id).toList(), period.from(), period.to());
        Map<Long, List<MemberStore.MemberName>> byBranch = new HashMap<>();
        roster.forEach(m -> byBranch.computeIfAbsent(m.branchId(), k -> new ArrayList<>()).add(m));
        List<YearbookViews.BranchHours> out = new ArrayList<>();
        for (Organisation b : branches) {
            List<MemberStore.MemberName> mine = byBranch.getOrDefault(b.id(), List.of());
            StudyHoursService.Totals t = StudyHoursService.total(mine.stream().map(m -> byMember.get(m.id())).toList());
            List<YearbookViews.MemberHoursRow> rows = null;
            if (org.type() == OrgType.BRANCH) {
                rows = mine.stream().map(m -> {
                    StudyHoursService.MemberHours h = byMember.get(m.id());
                    return new YearbookViews.MemberHoursRow(m.id(), m.name(), h.articles(), h.readingHours(),
                            h.attended(), h.meetingHours(), h.totalHours());
                }).toList();
            }
            out.add(new YearbookViews.BranchHours(b.id(), b.name(), figures(t), rows));
        }
        return new YearbookViews.StudyHoursReport(org.id(), org.name(), period.label(), period.from(), period.to(),
                figures(StudyHoursService.total(byMember.values())), out);
    }

    static YearbookViews.HoursFigures figures(StudyHoursService.Totals t) {
        return new YearbookViews.HoursFigures(t.members(), t.articles(), t.readingHours(), t.meetingsAttended(),
                t.meetingHours(), t.totalHours(), t.averageHours());
    }
}
