package app.vanguard.checkin;

import app.vanguard.auth.Caller;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
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

    private final OrganisationRepository organisations;
    private final JdbcOperations jdbc;
    private final MeetingService meetings;

    public ComplianceService(OrganisationRepository organisations, JdbcOperations jdbc, MeetingService meetings) {
        this.organisations = organisations;
        this.jdbc = jdbc;
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

    /** A held (closed) meeting: branch, type and month. */
    private record Held(long id, long branchId, Long groupId, MeetingType type, YearMonth month) {
    }

    @Transactional(readOnly = true)
    public CheckInViews.ComplianceReport report(Organisation root, String periodText) {
        Period period = Period.parse(periodText);
        List<Organisation> branches = root.type() == OrgType.BRANCH ? List.of(root)
                : organisations.findSubtree(root.path()).stream().filter(o -> o.type() == OrgType.BRANCH).toList();
        Instant from = AttendanceService.startOf(period.from());
        Instant to = AttendanceService.startOf(period.to().plusDays(1));
        Map<Long, List<Held>> held = new HashMap<>();
        for (Held h : held(root.path(), from, to)) {
            held.computeIfAbsent(h.branchId(), k -> new ArrayList<>()).add(h);
        }
        Map<Long, int[]> attendance = attendance(root.path(), from, to);
        Map<Long, List<Organisation>> groupsByBranch = new HashMap<>();
        for (Organisation o : organisations.findSubtree(root.path())) {
            if (o.type() == OrgType.GROUP) {
                groupsByBranch.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o);
            }
        }
        List<CheckInViews.BranchCompliance> items = new ArrayList<>();
        int compliant = 0;
        for (Organisation branch : branches) {
            List<Held> mine = held.getOrDefault(branch.id(), List.of());
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
                List<String> missing = new ArrayList<>();
                int slots = period.months() / cadence;
                for (int s = 0; s < slots; s++) {
                    YearMonth start = period.first().plusMonths((long) s * cadence);
                    YearMonth end = start.plusMonths(cadence - 1);
                    for (Organisation unit : units) {
                        boolean found = mine.stream().anyMatch(h -> h.type() == type && !h.month().isBefore(start)
                                && !h.month().isAfter(end) && (unit == null || unit.id().equals(h.groupId())));
                        if (!found) {
                            missing.add(label(type.cadence(), start) + (unit == null ? "" : " " + unit.name()));
                        }
                    }
                }
                slots *= units.size();
                int count = (int) mine.stream().filter(h -> h.type() == type).count();
                ok &= missing.isEmpty();
                requirements.add(new CheckInViews.Requirement(type, type.cadence(), slots, count, missing));
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
            if (ok) {
                compliant++;
            }
            items.add(new CheckInViews.BranchCompliance(branch.id(), branch.name(), ok, mine.size(), rate,
                    requirements, plan));
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

    private List<Held> held(String pathPrefix, Instant from, Instant to) {
        return jdbc.prepareStatement("SELECT m.id, m.branch_id, m.group_id, m.type, m.starts_at FROM meeting m "
                + "JOIN organisation o ON o.id = m.branch_id WHERE o.path LIKE CONCAT(?, '%') AND m.status = 'CLOSED' "
                + "AND m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at, m.id", ps -> {
            ps.setString(1, pathPrefix);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            List<Held> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long group = rs.getLong(3);
                    Long groupId = rs.wasNull() ? null : group;
                    out.add(new Held(rs.getLong(1), rs.getLong(2), groupId, MeetingType.valueOf(rs.getString(4)),
                            YearMonth.from(rs.getTimestamp(5).toInstant().atZone(BusinessTime.ZONE))));
                }
            }
            return out;
        });
    }

    /** Per branch: {attended, counted (expected minus on leave)} over closed meetings. */
    private Map<Long, int[]> attendance(String pathPrefix, Instant from, Instant to) {
        return jdbc.prepareStatement("SELECT m.branch_id, SUM(a.status IN ('PRESENT', 'LATE')), "
                + "SUM(a.status <> 'ON_LEAVE') FROM meeting m JOIN organisation o ON o.id = m.branch_id "
                + "JOIN meeting_attendance a ON a.meeting_id = m.id WHERE o.path LIKE CONCAT(?, '%') "
                + "AND m.status = 'CLOSED' AND m.starts_at >= ? AND m.starts_at < ? GROUP BY m.branch_id", ps -> {
            ps.setString(1, pathPrefix);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            Map<Long, int[]> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new int[]{rs.getInt(2), rs.getInt(3)});
                }
            }
            return out;
        });
    }

    // ---- the annual plan ----

    /** Replaces the branch's plan for the year. */
    @Transactional
    public CheckInViews.PlanView filePlan(Caller caller, long branchId, int year, CheckInViews.PlanRequest request) {
        jdbc.prepareStatement("DELETE FROM meeting_plan_item WHERE branch_id = ? AND plan_year = ?", ps -> {
            ps.setLong(1, branchId);
            ps.setInt(2, year);
            return ps.executeUpdate();
        });
        Timestamp now = Timestamp.from(meetings.now());
        jdbc.prepareStatement("INSERT INTO meeting_plan_item (branch_id, plan_year, month, type, topic, filed_by, "
                + "filed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            for (CheckInViews.PlanItem item : request.items()) {
                ps.setLong(1, branchId);
                ps.setInt(2, year);
                ps.setInt(3, item.month());
                ps.setString(4, item.type().name());
                ps.setString(5, item.topic() == null || item.topic().isBlank() ? null : item.topic().trim());
                ps.setLong(6, caller.memberId());
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            return request.items().isEmpty() ? new int[0] : ps.executeBatch();
        });
        return plan(branchId, year);
    }

    /** The plan with each item matched to a held meeting of its type in its month (each meeting used once). */
    @Transactional(readOnly = true)
    public CheckInViews.PlanView plan(long branchId, int year) {
        record Item(int month, MeetingType type, String topic, Instant filedAt) {
        }
        List<Item> items = jdbc.prepareStatement("SELECT month, type, topic, filed_at FROM meeting_plan_item "
                + "WHERE branch_id = ? AND plan_year = ? ORDER BY month, id", ps -> {
            ps.setLong(1, branchId);
            ps.setInt(2, year);
            List<Item> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getInt(1), MeetingType.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        });
        if (items.isEmpty()) {
            return new CheckInViews.PlanView(branchId, year, false, 0, 0, null, null);
        }
        Organisation branch = organisations.findById(branchId).orElseThrow();
        List<Held> held = new ArrayList<>(held(branch.path(), AttendanceService.startOf(LocalDate.of(year, 1, 1)),
                AttendanceService.startOf(LocalDate.of(year + 1, 1, 1)))).stream()
                .filter(h -> h.branchId() == branchId).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        List<CheckInViews.PlanItemView> views = new ArrayList<>();
        int done = 0;
        for (Item item : items) {
            YearMonth month = YearMonth.of(year, item.month());
            Held match = held.stream().filter(h -> h.type() == item.type() && h.month().equals(month)).findFirst()
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
