package app.vanguard.reading;

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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Daily reading plans. A plan is set on a branch (by its secretary or an admin above) or on a committee / general
 * branch (by an org admin of it or above) and covers its whole subtree; a branch follows the nearest plan on its path.
 */
@Singleton
public class PlanService {

    private final PlanStore store;
    private final AccessPolicy access;
    private final Clock clock;

    public PlanService(PlanStore store, AccessPolicy access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    /** Sets (replaces) the plan of the organisation. The caller then calls {@link ReadingCache#plansChanged()}. */
    @Transactional
    public PlanView set(Caller caller, long orgId, PlanRequest request) {
        Organisation org = requireManage(caller, orgId);
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(request.documentIds()));
        for (Long id : ids) {
            if (id == null || !store.documentExists(id)) {
                throw ApiException.invalid("documentIds", "no document " + id);
            }
        }
        store.set(org.id(), request.articlesPerDay(), request.startDate(), ids, caller.memberId(), clock.millis());
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
        PlanStore.Plan plan = planFor(org).orElseThrow(() -> ApiException.notFound("Reading plan for organisation " + orgId));
        return view(plan, org);
    }

    /** Removes the plan set on the organisation (not an inherited one). */
    @Transactional
    public void delete(Caller caller, long orgId) {
        Organisation org = requireManage(caller, orgId);
        if (!store.delete(org.id())) {
            throw ApiException.notFound("Reading plan set on organisation " + orgId);
        }
    }

    /** The plan in force for an organisation: its own, else the nearest ancestor's (paths list ids from the root). */
    Optional<PlanStore.Plan> planFor(Organisation org) {
        List<Long> path = Arrays.stream(org.path().split("/")).filter(p -> !p.isEmpty()).map(Long::valueOf).toList();
        return store.setOn(path).stream().max(Comparator.comparingInt(p -> path.indexOf(p.orgId())));
    }

    private PlanView view(PlanStore.Plan plan, Organisation org) {
        List<PlanDocument> documents = new ArrayList<>();
        int total = 0;
        for (long id : plan.documentIds()) {
            Optional<PlanDocument> d = store.document(id);
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
