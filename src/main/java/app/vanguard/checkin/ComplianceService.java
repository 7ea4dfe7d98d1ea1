package app.vanguard.checkin;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Cadence compliance (三会一课 执行情况): for a period and a subtree, which branches held which required meetings, which
 * are missing, attendance rates, and the annual plan each branch filed against what it held.
 */
@Singleton
public class ComplianceService {

    private static final java.util.regex.Pattern PERIOD =
            java.util.regex.Pattern.compile("^(\\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$");

    private final AccessPolicy access;
    private final OrganisationRepository organisations;
    private final MeetingStore store;
    private final MeetingService meetings;
    private final EvidenceStore evidence;
    private final app.vanguard.org.MemberStore members;
    private final java.time.Clock clock;

    public ComplianceService(AccessPolicy access, OrganisationRepository organisations, MeetingStore store,
                             MeetingService meetings, EvidenceStore evidence, app.vanguard.org.MemberStore members,
                             java.time.Clock clock) {
        this.access = access;
        this.evidence = evidence;
        this.members = members;
        this.clock = clock;
        this.organisations = organisations;
        this.store = store;
        this.meetings = meetings;
    }

    /** A period: its first month and its length in months. */
    public record Period(String label, YearMonth first, int months) {
        public LocalDate from() {
            return first.atDay(1);
        }

        public LocalDate to() {
            return first.plusMonths(months - 1).atEndOfMonth();
        }

        static Period parse(String text) {
            Matcher m = PERIOD.matcher(text == null ? "" : text.trim());
            if (!m.matches()) {
                throw ApiException.invalid("period", "must be a year (2026), a quarter (2026-Q1) or a month (2026-03)");
            }
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) != null) {
                return new Period(text.trim(), YearMonth.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1), 3);
            }
            if (m.group(3) != null) {
                return new Period(text.trim(), YearMonth.of(year, Integer.parseInt(m.group(3))), 1);
            }
            return new Period(text.trim(), YearMonth.of(year, 1), 12);
        }
    }

    /** A branch's compliance to those who may view the branch; a higher level's to its administrators. */
    @Transactional(readOnly = true)
    public CheckInViews.ComplianceReport report(Caller caller, long orgId, String periodText) {
        Organisation org = access.organisation(orgId);
        boolean allowed = org.type() == OrgType.BRANCH ? access.canViewBranch(caller, org)
                : access.canAdminister(caller, org);
        if (!allowed) {
            throw ApiException.forbidden("You may not see compliance of organisation " + orgId);
        }
        return report(org, periodText);
    }

    @Transactional(readOnly = true)
    public CheckInViews.ComplianceReport report(Organisation root, String periodText) {
        Period period = Period.parse(periodText);
        YearMonth thisMonth = YearMonth.from(BusinessTime.today(clock));
        List<Organisation> branches = root.type() == OrgType.BRANCH ? List.of(root)
                : organisations.findSubtree(root.path()).stream().filter(o -> o.type() == OrgType.BRANCH).toList();
        Instant from = AttendanceService.startOf(period.from());
        Instant to = AttendanceService.startOf(period.to().plusDays(1));
        Map<Long, List<MeetingStore.Held>> held = new HashMap<>();
        List<Long> branchIds = branches.stream().map(Organisation::id).toList();
        for (MeetingStore.Held h : store.held(branchIds, from, to)) {
            held.computeIfAbsent(h.branchId(), k -> new ArrayList<>()).add(h);
        }
        Map<Long, int[]> attendance = store.attendance(branchIds, from, to);
        // The secretary's Party lesson (书记讲党课): a yearly requirement, judged on a whole year's report.
        boolean yearly = period.months() == 12;
        Map<Long, java.util.Set<Long>> lecturers = yearly ? evidence.lecturers(branchIds, from, to) : Map.of();
        Map<Long, java.util.Set<Long>> secretaries = yearly ? members.secretaries(branchIds) : Map.of();
        Map<Long, List<Organisation>> groupsByBranch = new HashMap<>();
        for (Organisation o : organisations.findSubtree(root.path())) {
            if (o.type() == OrgType.GROUP) {
                groupsByBranch.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o);
            }
        }
        List<CheckInViews.BranchCompliance> items = new ArrayList<>();
        int compliant = 0;
        for (Organisation branch : branches) {
            List<MeetingStore.Held> mine = held.getOrDefault(branch.id(), List.of());
            List<CheckInViews.Requirement> requirements = new ArrayList<>();
            boolean ok = true;
            for (MeetingType type : MeetingType.values()) {
                int cadence = type.cadence().months();
                if (cadence > period.months()) {
                    continue; // not due within a shorter period
                }
                List<Organisation> groups = groupsByBranch.getOrDefault(branch.id(), List.of());
                if (type == MeetingType.GROUP_MEETING && groups.isEmpty()) {
                    continue; // a branch without groups meets as a whole
                }
                // Group meetings are due from every group; the other types from the branch.
                List<Organisation> units = type == MeetingType.GROUP_MEETING ? groups
                        : java.util.Collections.singletonList(null);
                // Only a slot that has ended (Asia/Shanghai) can be missing; the one under way is due by its last
                // day; later ones are upcoming and count for nothing yet.
                List<String> missing = new ArrayList<>();
                List<CheckInViews.DueSlot> due = new ArrayList<>();
                int upcoming = 0;
                int slots = period.months() / cadence;
                for (int s = 0; s < slots; s++) {
                    YearMonth start = period.first().plusMonths((long) s * cadence);
                    YearMonth end = start.plusMonths(cadence - 1);
                    for (Organisation unit : units) {
                        boolean found = mine.stream().anyMatch(h -> h.type() == type && !h.month().isBefore(start)
                                && !h.month().isAfter(end) && (unit == null || unit.id().equals(h.groupId())));
                        String slot = label(type.cadence(), start) + (unit == null ? "" : " " + unit.name());
                        if (start.isAfter(thisMonth)) {
                            upcoming++;
                        } else if (!end.isBefore(thisMonth)) {
                            if (!found) {
                                due.add(new CheckInViews.DueSlot(slot, end.atEndOfMonth()));
                            }
                        } else if (!found) {
                            missing.add(slot);
                        }
                    }
                }
                slots *= units.size();
                int count = (int) mine.stream().filter(h -> h.type() == type).count();
                ok &= missing.isEmpty();
                requirements.add(new CheckInViews.Requirement(type, type.cadence(), slots, count, missing, due,
                        upcoming));
            }
            int[] a = attendance.get(branch.id());
            Double rate = a == null || a[1] == 0 ? null : Math.round(a[0] * 10000.0 / a[1]) / 10000.0;
            CheckInViews.PlanSummary plan = null;
            List<CheckInViews.PlanItemView> planItems = plan(branch.id(), period.first().getYear()).items();
            int first = period.first().getMonthValue();
            List<CheckInViews.PlanItemView> inPeriod = planItems == null ? List.of() : planItems.stream()
                    .filter(i -> i.month() >= first && i.month() < first + period.months()).toList();
            if (!inPeriod.isEmpty()) {
                plan = new CheckInViews.PlanSummary(inPeriod.size(), (int) inPeriod.stream()
                        .filter(CheckInViews.PlanItemView::held).count());
            }
            CheckInViews.SecretaryLesson secretaryLesson = null;
            if (yearly) {
                java.util.Set<Long> given = new java.util.HashSet<>(lecturers.getOrDefault(branch.id(), java.util.Set.of()));
                given.retainAll(secretaries.getOrDefault(branch.id(), java.util.Set.of()));
                String state = !given.isEmpty() ? "GIVEN" : period.first().plusMonths(period.months() - 1L).isBefore(thisMonth) ? "MISSING" : "DUE";
                ok &= !state.equals("MISSING");
                secretaryLesson = new CheckInViews.SecretaryLesson(state, given.size(), period.to());
            }
            if (ok) {
                compliant++;
            }
            items.add(new CheckInViews.BranchCompliance(branch.id(), branch.name(), ok, mine.size(), rate,
                    requirements, plan, (int) mine.stream().filter(MeetingStore.Held::recordedAfterwards).count(),
                    secretaryLesson));
        }
        return new CheckInViews.ComplianceReport(root.id(), period.label(), period.from(), period.to(), branches.size(),
                compliant, items);
    }

    private static String label(MeetingType.Cadence cadence, YearMonth start) {
        return switch (cadence) {
            case MONTHLY -> start.toString();
            case QUARTERLY -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEARLY -> Integer.toString(start.getYear());
        };
    }

    // ---- the annual plan ----

    /** Replaces the branch's plan for the year. */
    @Transactional
    public CheckInViews.PlanView filePlan(Caller caller, long branchId, int year, CheckInViews.PlanRequest request) {
        store.replacePlan(branchId, year, request.items(), caller.memberId(), meetings.now());
        return plan(branchId, year);
    }

    /** The plan with each item matched to a held meeting of its type in its month (each meeting used once). */
    @Transactional(readOnly = true)
    public CheckInViews.PlanView plan(long branchId, int year) {
        List<MeetingStore.PlanItem> items = store.plan(branchId, year);
        if (items.isEmpty()) {
            return new CheckInViews.PlanView(branchId, year, false, 0, 0, null, null);
        }
        List<MeetingStore.Held> held = new ArrayList<>(store.held(List.of(branchId),
                AttendanceService.startOf(LocalDate.of(year, 1, 1)), AttendanceService.startOf(LocalDate.of(year + 1, 1, 1))));
        List<CheckInViews.PlanItemView> views = new ArrayList<>();
        int done = 0;
        for (MeetingStore.PlanItem item : items) {
            YearMonth month = YearMonth.of(year, item.month());
            MeetingStore.Held match = held.stream().filter(h -> h.type() == item.type() && h.month().equals(month)).findFirst()
                    .orElse(null);
            if (match != null) {
                held.remove(match);
                done++;
            }
            views.add(new CheckInViews.PlanItemView(item.month(), item.type(), item.topic(), match != null,
                    match == null ? null : match.id()));
        }
        return new CheckInViews.PlanView(branchId, year, true, items.size(), done, items.get(0).filedAt(), views);
    }
}
