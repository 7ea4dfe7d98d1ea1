package app.vanguard.reading;

import app.vanguard.shared.Sql;
import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.reading.ReadingViews.PlanDocument;
import app.vanguard.reading.ReadingViews.PlanRequest;
import app.vanguard.reading.ReadingViews.PlanView;
import app.vanguard.shared.ApiException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Daily reading plans. A plan is set on a branch (by its secretary or an admin above) or on a committee / general
 * branch (by an org admin of it or above) and covers its whole subtree; a branch follows the nearest plan on its path.
 */
@Singleton
public class PlanService {

    /** A plan as stored. */
    record Plan(long id, long orgId, String orgPath, int articlesPerDay, LocalDate startDate, List<Long> documentIds,
                long updatedAtMs) {
    }

    private final Sql sql;
    private final AccessPolicy access;
    private final Library library;
    private final Clock clock;

    public PlanService(Sql sql, AccessPolicy access, Library library, Clock clock) {
        this.sql = sql;
        this.access = access;
        this.library = library;
        this.clock = clock;
    }

    /** Sets (replaces) the plan of the organisation. The caller then calls {@link ReadingCache#plansChanged()}. */
    @Transactional
    public PlanView set(Caller caller, long orgId, PlanRequest request) {
        Organisation org = requireManage(caller, orgId);
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(request.documentIds()));
        for (Long id : ids) {
            if (id == null || sql.count("SELECT COUNT(*) FROM reading_document WHERE id = ?", id) == 0) {
                throw ApiException.invalid("documentIds", "no document " + id);
            }
        }
        String joined = String.join(",", ids.stream().map(String::valueOf).toList());
        sql.update("INSERT INTO reading_plan (org_id, articles_per_day, start_date, document_ids, set_by, updated_at_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE articles_per_day = VALUES(articles_per_day), "
                + "start_date = VALUES(start_date), document_ids = VALUES(document_ids), set_by = VALUES(set_by), "
                + "updated_at_ms = VALUES(updated_at_ms)", org.id(), request.articlesPerDay(), request.startDate(),
                joined, caller.memberId(), clock.millis());
        return view(planFor(org).orElseThrow(), org);
    }

    @Transactional(readOnly = true)
    public PlanView get(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        if (org.type() == OrgType.BRANCH) {
            access.requireViewBranch(caller, orgId);
        } else {
            access.requireAdminister(caller, orgId);
        }
        Plan plan = planFor(org).orElseThrow(() -> ApiException.notFound("Reading plan for organisation " + orgId));
        return view(plan, org);
    }

    /** Removes the plan set on the organisation (not an inherited one). */
    @Transactional
    public void delete(Caller caller, long orgId) {
        Organisation org = requireManage(caller, orgId);
        if (sql.update("DELETE FROM reading_plan WHERE org_id = ?", org.id()) == 0) {
            throw ApiException.notFound("Reading plan set on organisation " + orgId);
        }
    }

    /** The plan in force for an organisation: its own, else the nearest ancestor's. */
    Optional<Plan> planFor(Organisation org) {
        return sql.one("SELECT p.id, p.org_id, o.path, p.articles_per_day, p.start_date, p.document_ids, "
                + "p.updated_at_ms FROM reading_plan p JOIN organisation o ON o.id = p.org_id "
                + "WHERE ? LIKE CONCAT(o.path, '%') ORDER BY LENGTH(o.path) DESC LIMIT 1",
                rs -> new Plan(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getDate(5).toLocalDate(), Arrays.stream(rs.getString(6).split(",")).map(Long::valueOf)
                        .toList(), rs.getLong(7)), org.path());
    }

    private PlanView view(Plan plan, Organisation org) {
        List<PlanDocument> documents = new ArrayList<>();
        int total = 0;
        for (long id : plan.documentIds()) {
            Optional<PlanDocument> d = sql.one("SELECT id, title, article_count FROM reading_document WHERE id = ?",
                    rs -> new PlanDocument(rs.getLong(1), rs.getString(2), rs.getInt(3)), id);
            if (d.isPresent()) {
                documents.add(d.get());
                total += d.get().articleCount();
            }
        }
        int perDay = Math.max(1, Math.min(plan.articlesPerDay(), Math.max(total, 1)));
        int cycleDays = total == 0 ? 0 : (total + perDay - 1) / perDay;
        return new PlanView(plan.id(), plan.orgId(), plan.orgId() != org.id(), documents, plan.articlesPerDay(),
                plan.startDate(), total, cycleDays);
    }

    private Organisation requireManage(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        if (org.type() == OrgType.GROUP) {
            throw ApiException.invalid("orgId", "plans are set on a branch or above, not on a group");
        }
        if (org.type() == OrgType.BRANCH) {
            return access.requireManageBranch(caller, orgId);
        }
        return access.requireAdminister(caller, orgId);
    }
}
