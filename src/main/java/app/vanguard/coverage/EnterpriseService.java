package app.vanguard.coverage;

import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.TabularFile;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Phones;
import app.vanguard.shared.Problem;
import app.vanguard.shared.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enterprise register of the survey (调查摸底): registering, updating and importing the non-public economic
 * organisations of a subtree, the members working in them, the 3-full-members rule (凡是有3名以上正式党员的非公有制经济
 * 组织，都要单独建立党组织) and the coverage figures (两个覆盖).
 */
@Singleton
public class EnterpriseService {

    /** Full members from which an enterprise must have its own branch. */
    static final int OWN_BRANCH_FULL_MEMBERS = 3;

    private final EnterpriseRepository enterprises;
    private final EnterpriseStore store;
    private final OrganisationRepository organisations;
    private final MemberStore members;
    private final Clock clock;

    public EnterpriseService(EnterpriseRepository enterprises, EnterpriseStore store,
                             OrganisationRepository organisations, MemberStore members, Clock clock) {
        this.enterprises = enterprises;
        this.store = store;
        this.organisations = organisations;
        this.members = members;
        this.clock = clock;
    }

    public Enterprise enterprise(long id) {
        return enterprises.findById(id).orElseThrow(() -> ApiException.notFound("Enterprise " + id));
    }

    @Transactional(readOnly = true)
    public CoverageViews.EnterpriseView view(Enterprise e) {
        return CoverageViews.EnterpriseView.of(e, store.memberIds(e.id()));
    }

    @Transactional
    public CoverageViews.EnterpriseView create(Organisation org, EnterpriseRequest request) {
        List<Problem.FieldError> errors = check(org, request);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        String code = CreditCode.normalise(request.creditCode());
        if (code != null && !store.creditCodesTaken(List.of(code), null).isEmpty()) {
            throw creditCodeTaken();
        }
        Enterprise saved = save(build(null, org.id(), request, null, null));
        return CoverageViews.EnterpriseView.of(saved, List.of());
    }

    @Transactional
    public CoverageViews.EnterpriseView update(Enterprise existing, EnterpriseRequest request) {
        Organisation org = organisations.findById(existing.orgId()).orElseThrow();
        List<Problem.FieldError> errors = check(org, request);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Request is not valid", errors);
        }
        String code = CreditCode.normalise(request.creditCode());
        if (code != null && !store.creditCodesTaken(List.of(code), existing.id()).isEmpty()) {
            throw creditCodeTaken();
        }
        Enterprise updated = build(existing.id(), existing.orgId(), request, existing.ownBranchDueSince(),
                existing.createdAt());
        try {
            updated = enterprises.update(updated);
        } catch (DataAccessException e) {
            throw Sql.isDuplicate(e) ? creditCodeTaken() : e;
        }
        return CoverageViews.EnterpriseView.of(updated, store.memberIds(existing.id()));
    }

    @Transactional(readOnly = true)
    public CoverageViews.EnterprisePage page(Organisation org, @Nullable EnterpriseKind kind, @Nullable String district,
                                             @Nullable OrganisedAs organisedAs, int page, int size) {
        List<Long> orgIds = subtreeIds(org);
        List<CoverageViews.EnterpriseView> items = new ArrayList<>();
        for (long id : store.pageIds(orgIds, kind, district, organisedAs, size, (long) page * size)) {
            items.add(view(enterprises.findById(id).orElseThrow()));
        }
        return new CoverageViews.EnterprisePage(items, page, size, store.count(orgIds, kind, district, organisedAs));
    }

    /** The enterprises a branch covers (its own, joint, affiliated or industry branch). */
    @Transactional(readOnly = true)
    public List<CoverageViews.EnterpriseView> coveredBy(Organisation branch) {
        return store.coveredBy(branch.id()).stream().map(id -> view(enterprises.findById(id).orElseThrow())).toList();
    }

    /** Links a member of a branch in the enterprise's subtree as working there. */
    @Transactional
    public CoverageViews.EnterpriseView link(Enterprise e, long memberId) {
        Organisation org = organisations.findById(e.orgId()).orElseThrow();
        Long branchId = members.branchOf(memberId).flatMap(b -> b)
                .orElseThrow(() -> ApiException.notFound("Member " + memberId));
        Organisation branch = organisations.findById(branchId).orElseThrow();
        if (!branch.isWithin(org)) {
            throw ApiException.notFound("Member " + memberId + " in the subtree of organisation " + org.id());
        }
        store.link(e.id(), memberId, now());
        return view(e);
    }

    @Transactional
    public CoverageViews.EnterpriseView unlink(Enterprise e, long memberId) {
        if (store.unlink(e.id(), memberId) == 0) {
            throw ApiException.notFound("Member " + memberId + " of enterprise " + e.id());
        }
        return view(e);
    }

    @Transactional(readOnly = true)
    public List<CoverageViews.OwnBranchDue> ownBranchDue(Organisation org) {
        return store.ownBranchDue(subtreeIds(org), BusinessTime.today(clock));
    }

    // ---- import ----

    /** Imports the survey file: every row is checked first; one bad row rejects the file and nothing is written. */
    @Transactional
    public CoverageViews.ImportResult importFile(Organisation org, byte[] body, @Nullable String contentType) {
        List<TabularFile.FileRow> rows = SurveyFile.read(body, contentType);
        Map<String, List<Long>> branchesByName = new HashMap<>();
        for (Organisation o : organisations.findSubtree(org.path())) {
            if (o.type() == OrgType.BRANCH) {
                branchesByName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o.id());
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<EnterpriseRequest> parsed = new ArrayList<>();
        Map<String, Integer> codesInFile = new HashMap<>();
        Map<String, Integer> codeRows = new LinkedHashMap<>();
        for (TabularFile.FileRow row : rows) {
            int before = errors.size();
            EnterpriseRequest request = parseRow(row, branchesByName, errors);
            if (request != null) {
                for (Problem.FieldError e : check(org, request)) {
                    if (e.field().equals("creditCode")) {
                        continue; // reported while reading the row
                    }
                    errors.add(new Problem.FieldError(SurveyFile.columnOf(e.field()), row.row(), e.message()));
                }
                String code = CreditCode.normalise(request.creditCode());
                if (code != null) {
                    Integer first = codesInFile.putIfAbsent(code, row.row());
                    if (first != null) {
                        errors.add(new Problem.FieldError("统一社会信用代码", row.row(),
                                "credit code " + code + " is also on row " + first));
                    } else {
                        codeRows.put(code, row.row());
                    }
                }
            }
            if (errors.size() == before) {
                parsed.add(request);
            }
        }
        for (String taken : store.creditCodesTaken(codeRows.keySet(), null)) {
            errors.add(new Problem.FieldError("统一社会信用代码", codeRows.get(taken),
                    "credit code " + taken + " is already registered"));
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> Integer.compare(a.row() == null ? 0 : a.row(), b.row() == null ? 0 : b.row()));
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported", errors);
        }
        List<CoverageViews.EnterpriseView> created = new ArrayList<>();
        for (EnterpriseRequest request : parsed) {
            created.add(CoverageViews.EnterpriseView.of(save(build(null, org.id(), request, null, null)), List.of()));
        }
        return new CoverageViews.ImportResult(created.size(), created);
    }

    private static @Nullable EnterpriseRequest parseRow(TabularFile.FileRow row, Map<String, List<Long>> branches,
                                                        List<Problem.FieldError> errors) {
        int r = row.row();
        int before = errors.size();
        String name = text(row, "名称", 200, true, errors);
        String code = text(row, "统一社会信用代码", 30, false, errors);
        EnterpriseKind kind = null;
        String kindText = row.get("类型");
        for (EnterpriseKind k : EnterpriseKind.values()) {
            if (k.label.equals(kindText) || k.name().equalsIgnoreCase(kindText)) {
                kind = k;
            }
        }
        if (kind == null) {
            errors.add(new Problem.FieldError("类型", r, "must be one of 小微企业, 个体工商户, 专业市场, 商业街区, 创业园区"));
        }
        if (kind != null) {
            String codeProblem = creditCodeProblem(code, kind);
            if (codeProblem != null) {
                errors.add(new Problem.FieldError("统一社会信用代码", r, codeProblem));
            }
        }
        String district = text(row, "所在区域", 100, true, errors);
        String industry = text(row, "行业", 100, false, errors);
        String owner = text(row, "业主姓名", 100, false, errors);
        Boolean ownerIsMember = switch (row.get("业主是否党员").toLowerCase(Locale.ROOT)) {
            case "", "否", "不是", "n", "no", "false" -> false;
            case "是", "y", "yes", "true" -> true;
            default -> {
                errors.add(new Problem.FieldError("业主是否党员", r, "must be 是 or 否"));
                yield null;
            }
        };
        Integer employees = count(row, "从业人员数", true, 1_000_000, errors);
        Integer full = count(row, "正式党员数", true, 100_000, errors);
        Integer probationary = count(row, "预备党员数", true, 100_000, errors);
        Integer youth = count(row, "团员数", false, 1_000_000, errors);
        Integer elsewhere = count(row, "组织关系在外党员数", false, 100_000, errors);
        String venue = text(row, "活动场所", 200, false, errors);
        OrganisedAs organisedAs = null;
        String way = row.get("党组织组建方式");
        for (OrganisedAs o : OrganisedAs.values()) {
            if (o.label.equals(way) || o.name().equalsIgnoreCase(way)) {
                organisedAs = o;
            }
        }
        if (organisedAs == null) {
            errors.add(new Problem.FieldError("党组织组建方式", r, "must be one of 单独组建, 联合组建, 挂靠组建, 行业组建, 未建"));
        }
        Long branchId = null;
        String branch = row.get("所属党支部");
        if (!branch.isEmpty()) {
            List<Long> ids = branches.getOrDefault(branch, List.of());
            if (ids.size() == 1) {
                branchId = ids.get(0);
            } else {
                errors.add(new Problem.FieldError("所属党支部", r, ids.isEmpty()
                        ? "no branch named " + branch + " in this organisation" : "several branches are named " + branch));
            }
        }
        String instructor = text(row, "党建指导员", 100, false, errors);
        String phone = Phones.normalise(text(row, "指导员电话", 20, false, errors));
        if (phone != null && !phone.matches(EnterpriseRequest.PHONE)) {
            errors.add(new Problem.FieldError("指导员电话", r, "must be an 11-digit mainland mobile number"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new EnterpriseRequest(name, code, kind, district, industry, owner, ownerIsMember, employees, full,
                probationary, youth, elsewhere, venue, organisedAs, branchId, instructor, phone);
    }

    private static @Nullable String text(TabularFile.FileRow row, String column, int max, boolean required,
                                         List<Problem.FieldError> errors) {
        String v = row.get(column);
        if (v.isEmpty()) {
            if (required) {
                errors.add(new Problem.FieldError(column, row.row(), "is required"));
            }
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new Problem.FieldError(column, row.row(), "at most " + max + " characters"));
        }
        return v;
    }

    private static @Nullable Integer count(TabularFile.FileRow row, String column, boolean required, int max,
                                           List<Problem.FieldError> errors) {
        String v = row.get(column);
        if (v.isEmpty()) {
            if (required) {
                errors.add(new Problem.FieldError(column, row.row(), "is required"));
            }
            return required ? null : 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > max) {
                errors.add(new Problem.FieldError(column, row.row(), "must be a whole number from 0 to " + max));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(column, row.row(), "must be a whole number"));
            return null;
        }
    }

    // ---- rules ----

    /** What is wrong with the request beyond its types and sizes (fields named as in the JSON body). */
    List<Problem.FieldError> check(Organisation org, EnterpriseRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String codeProblem = creditCodeProblem(r.creditCode(), r.kind());
        if (codeProblem != null) {
            errors.add(new Problem.FieldError("creditCode", null, codeProblem));
        }
        if (r.relationsElsewhere() > r.fullMembers() + r.probationaryMembers()) {
            errors.add(new Problem.FieldError("membersRelationsElsewhere", null,
                    "cannot exceed the full and probationary members"));
        }
        if (r.branchId() != null) {
            if (r.organisedAs() == OrganisedAs.NONE) {
                errors.add(new Problem.FieldError("branchId", null,
                        "an enterprise with no Party organisation (NONE) has no covering branch"));
            } else {
                Optional<Organisation> branch = organisations.findById(r.branchId());
                if (branch.isEmpty() || branch.get().type() != OrgType.BRANCH || !branch.get().isWithin(org)) {
                    errors.add(new Problem.FieldError("branchId", null, "no such branch in this organisation's subtree"));
                }
            }
        }
        return errors;
    }

    /** What is wrong with the credit code of an enterprise of this kind, or null. */
    static @Nullable String creditCodeProblem(@Nullable String creditCode, @Nullable EnterpriseKind kind) {
        String code = CreditCode.normalise(creditCode);
        if (code == null) {
            return kind == EnterpriseKind.SOLE_TRADER ? null : "is required (only a sole trader 个体工商户 may have none)";
        }
        String problem = CreditCode.problem(code);
        return problem == null ? null : "not a unified social credit code: " + problem;
    }

    private Enterprise build(@Nullable Long id, long orgId, EnterpriseRequest r, @Nullable LocalDate dueSince,
                             @Nullable Instant createdAt) {
        Instant now = now();
        boolean due = r.fullMembers() >= OWN_BRANCH_FULL_MEMBERS && r.organisedAs() != OrganisedAs.OWN;
        LocalDate since = due ? (dueSince != null ? dueSince : BusinessTime.today(clock)) : null;
        return new Enterprise(id, orgId, r.name().trim(), CreditCode.normalise(r.creditCode()), r.kind(),
                r.district().trim(), blank(r.industry()), blank(r.ownerName()), Boolean.TRUE.equals(r.ownerIsMember()),
                r.employees(), r.fullMembers(), r.probationaryMembers(), r.youthLeague(), r.relationsElsewhere(),
                blank(r.venue()), r.organisedAs(), r.organisedAs() == OrganisedAs.NONE ? null : r.branchId(),
                blank(r.instructorName()), blank(r.instructorPhone()), since, createdAt != null ? createdAt : now, now);
    }

    private Enterprise save(Enterprise e) {
        try {
            return enterprises.save(e);
        } catch (DataAccessException ex) {
            throw Sql.isDuplicate(ex) ? creditCodeTaken() : ex;
        }
    }

    // ---- figures ----

    /** Coverage figures of the subtree, in total and by direct sub-organisation, district and kind. */
    @Transactional(readOnly = true)
    public CoverageViews.FiguresView figures(Organisation org) {
        Map<Long, Tally> bySub = new LinkedHashMap<>();
        Map<Long, String> subNames = new LinkedHashMap<>();
        List<Organisation> subtree = organisations.findSubtree(org.path());
        Map<Long, Long> subOf = subOrganisationOf(org, subtree, subNames);
        Tally total = new Tally();
        Map<String, Tally> byDistrict = new TreeMap<>();
        Map<EnterpriseKind, Tally> byKind = new TreeMap<>();
        for (EnterpriseStore.Counted e : store.counted(subtree.stream().map(Organisation::id).toList())) {
            total.add(e);
            bySub.computeIfAbsent(subOf.get(e.orgId()), k -> new Tally()).add(e);
            byDistrict.computeIfAbsent(e.district(), k -> new Tally()).add(e);
            byKind.computeIfAbsent(e.kind(), k -> new Tally()).add(e);
        }
        List<CoverageViews.GroupFigures> subs = new ArrayList<>();
        subNames.forEach((id, name) -> subs.add(new CoverageViews.GroupFigures(id.toString(), id, name,
                bySub.getOrDefault(id, new Tally()).figures())));
        List<CoverageViews.GroupFigures> districts = new ArrayList<>();
        byDistrict.forEach((d, t) -> districts.add(new CoverageViews.GroupFigures(d, null, d, t.figures())));
        List<CoverageViews.GroupFigures> kinds = new ArrayList<>();
        byKind.forEach((k, t) -> kinds.add(new CoverageViews.GroupFigures(k.name(), null, k.label, t.figures())));
        return new CoverageViews.FiguresView(org.id(), org.name(), total.figures(), subs, districts, kinds);
    }

    /** Per sub-organisation of {@code org} (its children other than groups, and itself first), the tallies. */
    Map<Long, Tally> tallyBySubOrganisation(Organisation org, Map<Long, String> names) {
        List<Organisation> subtree = organisations.findSubtree(org.path());
        Map<Long, Long> subOf = subOrganisationOf(org, subtree, names);
        Map<Long, Tally> bySub = new LinkedHashMap<>();
        names.keySet().forEach(id -> bySub.put(id, new Tally()));
        for (EnterpriseStore.Counted e : store.counted(subtree.stream().map(Organisation::id).toList())) {
            bySub.get(subOf.get(e.orgId())).add(e);
        }
        return bySub;
    }

    /**
     * Maps every organisation of the subtree to the direct child of {@code org} it lies in (or to {@code org} itself
     * for org and its groups); fills {@code names} with the organisation first, then the children by id.
     */
    private static Map<Long, Long> subOrganisationOf(Organisation org, List<Organisation> subtree,
                                                     Map<Long, String> names) {
        names.put(org.id(), org.name());
        List<Organisation> children = subtree.stream()
                .filter(o -> org.id().equals(o.parentId()) && o.type() != OrgType.GROUP)
                .sorted(java.util.Comparator.comparing(Organisation::id)).toList();
        children.forEach(c -> names.put(c.id(), c.name()));
        Map<Long, Long> subOf = new HashMap<>();
        for (Organisation o : subtree) {
            Long sub = org.id();
            for (Organisation c : children) {
                if (o.isWithin(c)) {
                    sub = c.id();
                }
            }
            subOf.put(o.id(), sub);
        }
        return subOf;
    }

    List<Long> subtreeIds(Organisation org) {
        return organisations.findSubtree(org.path()).stream().map(Organisation::id).toList();
    }

    private static ApiException creditCodeTaken() {
        return new ApiException(HttpStatus.CONFLICT, "CREDIT_CODE_TAKEN",
                "Another enterprise is registered with this credit code",
                List.of(new Problem.FieldError("creditCode", null, "already registered")));
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
