package app.vanguard.identity;

import app.vanguard.identity.IdentityViews.BranchFigures;
import app.vanguard.identity.IdentityViews.Figures;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.BusinessTime;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The finding drive (组织找党员、党员找组织) in numbers, per branch of a subtree and in total, over a period of
 * Asia/Shanghai days: declarations received (first submissions), verified, rejected, mobile members found
 * (verified mobile declarations), and badges active on the period's last day (or today, if earlier).
 */
@Singleton
public class FiguresService {

    private final IdentityStore store;
    private final OrganisationRepository organisations;
    private final Clock clock;

    public FiguresService(IdentityStore store, OrganisationRepository organisations, Clock clock) {
        this.store = store;
        this.organisations = organisations;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public IdentityViews.FiguresView figures(Organisation org, LocalDate from, LocalDate to) {
        long fromMs = from.atStartOfDay(BusinessTime.ZONE).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant().toEpochMilli();
        LocalDate today = BusinessTime.today(clock);
        LocalDate asOf = to.isBefore(today) ? to : today;
        long asOfEndMs = asOf.plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant().toEpochMilli();

        List<Organisation> subtreeBranches = organisations.findSubtree(org.path()).stream()
                .filter(o -> o.type() == OrgType.BRANCH).toList();
        Map<Long, long[]> byBranch = store.figuresByBranch(subtreeBranches.stream().map(Organisation::id).toList(),
                fromMs, toMs, asOf, asOfEndMs);

        long[] total = new long[5];
        List<BranchFigures> branches = new ArrayList<>();
        for (Organisation o : subtreeBranches) {
            long[] f = byBranch.getOrDefault(o.id(), new long[5]);
            for (int i = 0; i < 5; i++) {
                total[i] += f[i];
            }
            branches.add(new BranchFigures(o.id(), o.name(), of(f)));
        }
        return new IdentityViews.FiguresView(org.id(), org.name(), from, to, of(total), branches);
    }

    private static Figures of(long[] f) {
        return new Figures(f[0], f[1], f[2], f[3], f[4]);
    }
}
