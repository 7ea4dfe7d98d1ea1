package app.vanguard.coverage;

import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 100-day drive (百日攻坚) of an organisation: a progress report (通报) every 15 days, kept as snapshots of each
 * direct sub-organisation's coverage; each snapshot ranks them with the slowest last, who are called in (约谈).
 */
@Singleton
public class DriveService {

    private final DriveStore store;
    private final EnterpriseService enterprises;
    private final OrganisationRepository organisations;
    private final CoverageSettings settings;
    private final Clock clock;

    public DriveService(DriveStore store, EnterpriseService enterprises, OrganisationRepository organisations,
                        CoverageSettings settings, Clock clock) {
        this.store = store;
        this.enterprises = enterprises;
        this.organisations = organisations;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public DriveStore.Drive drive(long id) {
        return store.drive(id).orElseThrow(() -> ApiException.notFound("Drive " + id));
    }

    @Transactional
    public CoverageViews.DriveView open(Organisation org, long memberId, String name, LocalDate startsOn,
                                        LocalDate endsOn) {
        if (endsOn.isBefore(startsOn)) {
            throw ApiException.invalid("endsOn", "must not be before startsOn");
        }
        if (ChronoUnit.DAYS.between(startsOn, endsOn) + 1 > settings.getMaxDriveDays()) {
            throw ApiException.invalid("endsOn", "a drive lasts at most " + settings.getMaxDriveDays() + " days");
        }
        long id = store.insertDrive(org.id(), name.trim(), startsOn, endsOn, memberId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return view(store.drive(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    public List<CoverageViews.DriveView> drives(Organisation org) {
        return store.drivesOf(org.id()).stream().map(this::view).toList();
    }

    public CoverageViews.DriveView view(DriveStore.Drive d) {
        return new CoverageViews.DriveView(d.id(), d.orgId(), d.name(), d.startsOn(), d.endsOn(),
                settings.getCycleDays(), cycleOf(d, BusinessTime.today(clock)), d.createdAt());
    }

    /** The cycle a day falls in: 1 for the drive's first 15 days, 2 for the next 15, …; 0 before it starts. */
    int cycleOf(DriveStore.Drive d, LocalDate day) {
        LocalDate last = day.isAfter(d.endsOn()) ? d.endsOn() : day;
        if (last.isBefore(d.startsOn())) {
            return 0;
        }
        return (int) (ChronoUnit.DAYS.between(d.startsOn(), last) / settings.getCycleDays()) + 1;
    }

    /** Takes the current cycle's snapshot (replacing one taken earlier in the same cycle). */
    @Transactional
    public CoverageViews.SnapshotView take(DriveStore.Drive d, long memberId) {
        LocalDate today = BusinessTime.today(clock);
        int cycle = cycleOf(d, today);
        if (cycle == 0) {
            throw ApiException.conflict("DRIVE_NOT_STARTED", "The drive starts on " + d.startsOn());
        }
        Organisation org = organisations.findById(d.orgId()).orElseThrow();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Tally> tallies = enterprises.tallyBySubOrganisation(org, names);
        List<DriveStore.Line> lines = new ArrayList<>();
        tallies.forEach((id, t) -> lines.add(new DriveStore.Line(id, names.get(id), t.surveyed, t.own, t.joint,
                t.affiliated, t.industry, t.notOrganised, t.membersFound, t.membersOutside, t.instructors)));
        store.replaceSnapshot(d.id(), cycle, today, memberId, clock.instant().truncatedTo(ChronoUnit.MILLIS), lines);
        return snapshot(d, cycle);
    }

    @Transactional(readOnly = true)
    public List<CoverageViews.SnapshotSummary> snapshots(DriveStore.Drive d) {
        List<CoverageViews.SnapshotSummary> out = new ArrayList<>();
        for (DriveStore.Snapshot s : store.snapshots(d.id())) {
            Tally total = new Tally();
            store.lines(s.id()).forEach(l -> addLine(total, l));
            out.add(new CoverageViews.SnapshotSummary(s.cycle(), s.asOf(), s.takenAt(), total.figures()));
        }
        return out;
    }

    /** A kept snapshot with the change since the previous one and the ranking. */
    @Transactional(readOnly = true)
    public CoverageViews.SnapshotView snapshot(DriveStore.Drive d, int cycle) {
        DriveStore.Snapshot s = store.snapshot(d.id(), cycle)
                .orElseThrow(() -> ApiException.notFound("Snapshot of cycle " + cycle + " of drive " + d.id()));
        Map<Long, DriveStore.Line> before = new HashMap<>();
        Integer previousCycle = null;
        var previous = store.previous(d.id(), cycle);
        if (previous.isPresent()) {
            previousCycle = previous.get().cycle();
            store.lines(previous.get().id()).forEach(l -> before.put(l.orgId(), l));
        }
        Tally total = new Tally();
        long newlyCovered = 0;
        long newlySurveyed = 0;
        CoverageViews.Figures ownRegister = null;
        record Ranked(DriveStore.Line line, CoverageViews.Figures figures, long newlyCovered, long newlySurveyed) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (DriveStore.Line l : store.lines(s.id())) {
            addLine(total, l);
            DriveStore.Line b = before.get(l.orgId());
            long nc = l.covered() - (b == null ? 0 : b.covered());
            long ns = l.surveyed() - (b == null ? 0 : b.surveyed());
            newlyCovered += nc;
            newlySurveyed += ns;
            Tally one = new Tally();
            addLine(one, l);
            if (l.orgId() == d.orgId()) {
                ownRegister = l.surveyed() == 0 ? null : one.figures();
            } else {
                ranked.add(new Ranked(l, one.figures(), nc, ns));
            }
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.figures().coverageRate() == null ? -1.0
                        : r.figures().coverageRate()).reversed()
                .thenComparing(Comparator.comparingLong(Ranked::newlyCovered).reversed())
                .thenComparingLong(r -> r.line().orgId()));
        int talks = Math.min(settings.getAccountabilityTalks(), ranked.size());
        List<CoverageViews.SnapshotRow> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Ranked r = ranked.get(i);
            rows.add(new CoverageViews.SnapshotRow(i + 1, r.line().orgId(), r.line().orgName(), r.figures(),
                    r.newlyCovered(), r.newlySurveyed(), i >= ranked.size() - talks));
        }
        Organisation org = organisations.findById(d.orgId()).orElseThrow();
        LocalDate cycleStart = d.startsOn().plusDays((long) (cycle - 1) * settings.getCycleDays());
        LocalDate cycleEnd = cycleStart.plusDays(settings.getCycleDays() - 1);
        return new CoverageViews.SnapshotView(d.id(), org.id(), org.name(), cycle, cycleStart,
                cycleEnd.isAfter(d.endsOn()) ? d.endsOn() : cycleEnd, s.asOf(), s.takenAt(), previousCycle,
                total.figures(), newlyCovered, newlySurveyed, rows, ownRegister);
    }

    private static void addLine(Tally t, DriveStore.Line l) {
        t.surveyed += l.surveyed();
        t.own += l.own();
        t.joint += l.joint();
        t.affiliated += l.affiliated();
        t.industry += l.industry();
        t.notOrganised += l.notOrganised();
        t.membersFound += l.membersFound();
        t.membersOutside += l.membersOutside();
        t.instructors += l.instructors();
    }

    /** The report table (附件2 “百日攻坚”行动报表) of a snapshot as .xlsx. */
    @Transactional(readOnly = true)
    public byte[] reportXlsx(DriveStore.Drive d, int cycle) {
        return ProgressReport.xlsx(d.name(), snapshot(d, cycle));
    }
}
