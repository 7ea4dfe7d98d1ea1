package app.vanguard.identity;

import app.vanguard.identity.IdentityViews.BranchFigures;
import app.vanguard.identity.IdentityViews.Figures;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.BusinessTime;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The finding drive (组织找党员、党员找组织) in numbers, per branch of a subtree and in total, over a period of
 * Asia/Shanghai days: declarations received (first submissions), verified, rejected, mobile members found
 * (verified mobile declarations), and badges active on the period's last day (or today, if earlier).
 */
@Singleton
public class FiguresService {

    private final JdbcOperations jdbc;
    private final OrganisationRepository organisations;
    private final Clock clock;

    public FiguresService(JdbcOperations jdbc, OrganisationRepository organisations, Clock clock) {
        this.jdbc = jdbc;
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

        Map<Long, long[]> byBranch = new HashMap<>();
        String prefix = org.path();
        jdbc.prepareStatement("SELECT e.branch_id, "
                + "SUM(e.action = 'SUBMITTED'), SUM(e.action = 'VERIFIED'), SUM(e.action = 'REJECTED'), "
                + "SUM(e.action = 'VERIFIED' AND e.mobile) "
                + "FROM declaration_event e JOIN organisation o ON o.id = e.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND e.at_ms >= ? AND e.at_ms < ? GROUP BY e.branch_id", ps -> {
            ps.setString(1, prefix);
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            read(ps, rs -> {
                long[] f = byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5]);
                for (int i = 0; i < 4; i++) {
                    f[i] = rs.getLong(i + 2);
                }
            });
            return null;
        });
        jdbc.prepareStatement("SELECT b.branch_id, COUNT(*) FROM badge b JOIN organisation o ON o.id = b.branch_id "
                + "WHERE o.path LIKE CONCAT(?, '%') AND b.valid_from <= ? AND b.valid_until >= ? "
                + "AND b.granted_at_ms < ? AND (b.revoked_at_ms IS NULL OR b.revoked_at_ms >= ?) GROUP BY b.branch_id", ps -> {
            ps.setString(1, prefix);
            ps.setDate(2, Date.valueOf(asOf));
            ps.setDate(3, Date.valueOf(asOf));
            ps.setLong(4, asOfEndMs);
            ps.setLong(5, asOfEndMs);
            read(ps, rs -> byBranch.computeIfAbsent(rs.getLong(1), k -> new long[5])[4] = rs.getLong(2));
            return null;
        });

        long[] total = new long[5];
        List<BranchFigures> branches = new ArrayList<>();
        for (Organisation o : organisations.findSubtree(prefix)) {
            if (o.type() != OrgType.BRANCH) {
                continue;
            }
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

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void read(PreparedStatement ps, RowReader reader) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }
}
