package app.vanguard.dues;

import app.vanguard.dues.DuesViews.ArrearsFigures;
import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.MonthPeriod;
import app.vanguard.shared.Phones;
import app.vanguard.shared.Problem;
import app.vanguard.shared.Sql;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Party dues (党费): monthly amounts per member (set or imported by the secretary), payments recorded per month,
 * a member's own record, arrears (欠缴) with months behind and the flag at 6+ consecutive unpaid months, and figures
 * per month / quarter / year for a branch or a subtree.
 */
@Singleton
public class DuesService {

    static final List<String> IMPORT_COLUMNS = List.of("phone", "amountFen", "fromMonth");
    private static final int MAX_IMPORT_ROWS = 5000;

    private final DuesStore store;
    private final MemberStore members;
    private final AccessPolicy access;
    private final OrganisationRepository organisations;
    private final DuesSettings settings;
    private final Clock clock;

    public DuesService(DuesStore store, MemberStore members, AccessPolicy access, OrganisationRepository organisations,
                       DuesSettings settings, Clock clock) {
        this.store = store;
        this.members = members;
        this.access = access;
        this.organisations = organisations;
        this.settings = settings;
        this.clock = clock;
    }

    YearMonth thisMonth() {
        return YearMonth.from(BusinessTime.today(clock));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- access ----

    /** The member's branch, which the caller must manage (secretary, admins above). */
    private long managedBranchOf(Caller caller, long memberId) {
        Long branchId = members.branchOf(memberId).orElseThrow(() -> ApiException.notFound("Member " + memberId))
                .orElseThrow(() -> ApiException.notFound("Member " + memberId + " in a branch"));
        access.requireManageBranch(caller, branchId);
        return branchId;
    }

    /** A branch to those who may view it; a higher organisation to its administrators. */
    public Organisation viewable(Caller caller, long orgId) {
        Organisation org = access.organisation(orgId);
        boolean allowed = org.type() == OrgType.BRANCH ? access.canViewBranch(caller, org)
                : access.canAdminister(caller, org);
        if (!allowed) {
            throw ApiException.forbidden("You may not see the figures of organisation " + orgId);
        }
        return org;
    }

    // ---- rates and payments ----

    @Transactional
    public DuesViews.RateView setRate(Caller caller, long memberId, DuesViews.RateRequest request) {
        managedBranchOf(caller, memberId);
        checkAmount("amountFen", request.amountFen());
        YearMonth from = YearMonth.parse(request.fromMonth());
        Instant now = now();
        store.saveRate(memberId, from, request.amountFen(), caller.memberId(), now);
        return new DuesViews.RateView(memberId, from.toString(), request.amountFen(), caller.memberId(), now);
    }

    private void checkAmount(String field, long fen) {
        if (fen > settings.getMaxAmountFen()) {
            throw ApiException.invalid(field, "must be at most " + settings.getMaxAmountFen() + " fen");
        }
    }

    /**
     * Imports monthly amounts from CSV (header {@code phone,amountFen,fromMonth}) for members of the branch: every row
     * is checked first; one bad row rejects the file with each problem's row and column, and nothing is written.
     */
    @Transactional
    public DuesViews.ImportResult importRates(Caller caller, long branchId, String csv) {
        access.requireManageBranch(caller, branchId);
        List<CSVRecord> records = parse(csv);
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> phones = new HashSet<>();
        for (CSVRecord r : records) {
            if (r.isConsistent()) {
                phones.add(Phones.normalise(r.get("phone")));
            }
        }
        Map<String, Long> ids = members.enabledIdsByPhone(branchId, phones);
        record Row(long memberId, long fen, YearMonth from) {
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : records) {
            int row = (int) r.getRecordNumber();
            if (!r.isConsistent()) {
                errors.add(new Problem.FieldError(null, row, "row has " + r.size() + " columns, the header has "
                        + IMPORT_COLUMNS.size()));
                continue;
            }
            int before = errors.size();
            String phone = Phones.normalise(r.get("phone"));
            Long memberId = ids.get(phone);
            if (memberId == null) {
                errors.add(new Problem.FieldError("phone", row, "no enabled member of this branch has phone " + phone));
            }
            long fen = -1;
            try {
                fen = Long.parseLong(r.get("amountFen"));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (fen < 0 || fen > settings.getMaxAmountFen()) {
                errors.add(new Problem.FieldError("amountFen", row, "must be a whole number of fen from 0 to "
                        + settings.getMaxAmountFen()));
            }
            YearMonth from = null;
            if (!r.get("fromMonth").matches(DuesViews.MONTH)) {
                errors.add(new Problem.FieldError("fromMonth", row, "must be a month YYYY-MM"));
            } else {
                from = YearMonth.parse(r.get("fromMonth"));
                if (!seen.add(phone + "@" + from)) {
                    errors.add(new Problem.FieldError("phone", row, "the member's month appears twice in the file"));
                }
            }
            if (errors.size() == before) {
                rows.add(new Row(memberId, fen, from));
            }
        }
        if (records.isEmpty()) {
            errors.add(new Problem.FieldError(null, null, "the file has a header but no rows"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported", errors);
        }
        Instant now = now();
        List<DuesViews.RateView> saved = new ArrayList<>();
        for (Row row : rows) {
            store.saveRate(row.memberId(), row.from(), row.fen(), caller.memberId(), now);
            saved.add(new DuesViews.RateView(row.memberId(), row.from().toString(), row.fen(), caller.memberId(), now));
        }
        return new DuesViews.ImportResult(saved.size(), saved);
    }

    private static List<CSVRecord> parse(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> missing = IMPORT_COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                        "The header must name the columns " + String.join(",", IMPORT_COLUMNS),
                        missing.stream().map(c -> new Problem.FieldError(c, null, "column missing")).toList());
            }
            List<CSVRecord> records = parser.getRecords();
            if (records.size() > MAX_IMPORT_ROWS) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                        "At most " + MAX_IMPORT_ROWS + " rows per file");
            }
            return records;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED", "The file is not valid CSV: "
                    + e.getMessage());
        }
    }

    @Transactional
    public DuesViews.PaymentView recordPayment(Caller caller, long memberId, DuesViews.PaymentRequest request) {
        long branchId = managedBranchOf(caller, memberId);
        checkAmount("amountFen", request.amountFen());
        YearMonth month = YearMonth.parse(request.month());
        LocalDate today = BusinessTime.today(clock);
        if (request.paidOn().isAfter(today)) {
            throw ApiException.invalid("paidOn", "must not be after today");
        }
        if (month.isAfter(YearMonth.from(today).plusMonths(settings.getMaxMonthsAhead()))) {
            throw ApiException.invalid("month", "may be paid at most " + settings.getMaxMonthsAhead()
                    + " months ahead");
        }
        DuesAccount account = new DuesAccount(store.rates(List.of(memberId)).getOrDefault(memberId, List.of()),
                List.of());
        if (!account.hasRate() || month.isBefore(account.start())) {
            throw ApiException.conflict("DUES_NOT_DUE", "No dues are set for the member in " + month)
                    .arg("month", month.toString());
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        long id;
        try {
            id = store.insertPayment(memberId, branchId, month, request.amountFen(), request.paidOn(),
                    request.method(), note, caller.memberId(), now());
        } catch (Sql.Duplicate e) {
            throw ApiException.conflict("DUES_ALREADY_PAID", "A payment is already recorded for " + month)
                    .arg("month", month.toString());
        }
        return view(store.payment(id).orElseThrow());
    }

    static DuesViews.PaymentView view(DuesStore.Payment p) {
        return new DuesViews.PaymentView(p.id(), p.memberId(), p.branchId(), p.month().toString(), p.amountFen(),
                p.paidOn(), p.method(), p.note(), p.recordedBy(), p.recordedAt());
    }

    // ---- a member's record ----

    /** The member's dues in a year: to the member, and to those who may view their branch. */
    @Transactional(readOnly = true)
    public DuesViews.MemberDues memberYear(Caller caller, long memberId, int year) {
        MemberStore.MemberName member = members.names(List.of(memberId)).get(memberId);
        if (member == null) {
            throw ApiException.notFound("Member " + memberId);
        }
        if (caller.memberId() != memberId && (member.branchId() == null
                || !access.canViewBranch(caller, access.branch(member.branchId())))) {
            throw ApiException.forbidden("You may not see the dues of member " + memberId);
        }
        return memberYear(member, year);
    }

    /** The member's dues in a year, unchecked (callers check access). */
    @Transactional(readOnly = true)
    public DuesViews.MemberDues memberYear(MemberStore.MemberName member, int year) {
        long memberId = member.id();
        List<DuesStore.Rate> rates = store.rates(List.of(memberId)).getOrDefault(memberId, List.of());
        DuesAccount account = new DuesAccount(rates, store.payments(List.of(memberId)).getOrDefault(memberId, List.of()));
        YearMonth now = thisMonth();
        List<DuesViews.MonthView> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(year, m);
            DuesStore.Payment p = account.payment(month);
            if (account.hasRate() && !month.isBefore(account.start()) || p != null) {
                months.add(new DuesViews.MonthView(month.toString(), account.due(month), p != null,
                        p == null ? null : view(p)));
            }
        }
        return new DuesViews.MemberDues(memberId, member.name(), member.branchId(), year, account.amountNow(now),
                account.start() == null ? null : account.start().toString(),
                rates.stream().map(r -> new DuesViews.RateView(memberId, r.fromMonth().toString(), r.amountFen(),
                        r.setBy(), r.setAt())).toList(), months, standing(account.standing(now,
                settings.getFlagAfterMonths())));
    }

    private static DuesViews.Standing standing(DuesAccount.Standing s) {
        return new DuesViews.Standing(s.asOf().toString(), s.monthsBehind(), s.consecutiveUnpaid(), s.owedFen(),
                s.firstUnpaid() == null ? null : s.firstUnpaid().toString(), s.flagged());
    }

    // ---- arrears and figures of a branch or subtree ----

    /** The branches of an organisation's subtree (itself, for a branch), in tree order. */
    public List<Organisation> branchesOf(Organisation org) {
        return org.type() == OrgType.BRANCH ? List.of(org) : organisations.findSubtree(org.path()).stream()
                .filter(o -> o.type() == OrgType.BRANCH).toList();
    }

    private record Accounts(List<MemberStore.MemberName> roster, Map<Long, DuesAccount> byMember) {
    }

    private Accounts accounts(List<Organisation> branches) {
        return accountsOf(members.enabledRosters(branches.stream().map(Organisation::id).toList()));
    }

    private Accounts accountsOf(List<MemberStore.MemberName> roster) {
        List<Long> ids = roster.stream().map(MemberStore.MemberName::id).toList();
        Map<Long, List<DuesStore.Rate>> rates = store.rates(ids);
        Map<Long, List<DuesStore.Payment>> payments = store.payments(ids);
        Map<Long, DuesAccount> byMember = new HashMap<>();
        for (Long id : ids) {
            byMember.put(id, new DuesAccount(rates.getOrDefault(id, List.of()), payments.getOrDefault(id, List.of())));
        }
        return new Accounts(roster, byMember);
    }

    @Transactional(readOnly = true)
    public DuesViews.ArrearsReport arrears(Organisation org) {
        List<Organisation> branches = branchesOf(org);
        return arrears(org, branches, members.enabledRosters(branches.stream().map(Organisation::id).toList()));
    }

    /**
     * The arrears of an organisation whose branches and their enabled members the caller has already read (the
     * dashboard), saving those reads.
     */
    @Transactional(readOnly = true)
    public DuesViews.ArrearsReport arrears(Organisation org, List<Organisation> branches,
                                           List<MemberStore.MemberName> roster) {
        Accounts accounts = accountsOf(roster);
        YearMonth now = thisMonth();
        int flagAfter = settings.getFlagAfterMonths();
        Map<Long, List<MemberStore.MemberName>> byBranch = new HashMap<>();
        accounts.roster().forEach(m -> byBranch.computeIfAbsent(m.branchId(), k -> new ArrayList<>()).add(m));
        long[] total = new long[6];
        List<DuesViews.BranchArrears> out = new ArrayList<>();
        for (Organisation branch : branches) {
            long[] f = new long[6];
            List<DuesViews.MemberArrears> list = new ArrayList<>();
            for (MemberStore.MemberName m : byBranch.getOrDefault(branch.id(), List.of())) {
                DuesAccount account = accounts.byMember().get(m.id());
                f[0]++;
                if (!account.hasRate()) {
                    continue;
                }
                f[1]++;
                DuesAccount.Standing s = account.standing(now, flagAfter);
                if (s.monthsBehind() > 0) {
                    f[2]++;
                    f[3] += s.monthsBehind();
                    f[4] += s.owedFen();
                    f[5] += s.flagged() ? 1 : 0;
                    list.add(new DuesViews.MemberArrears(m.id(), m.name(), s.monthsBehind(), s.consecutiveUnpaid(),
                            s.owedFen(), s.firstUnpaid().toString(), s.flagged()));
                }
            }
            list.sort((a, b) -> a.consecutiveUnpaid() != b.consecutiveUnpaid()
                    ? Integer.compare(b.consecutiveUnpaid(), a.consecutiveUnpaid())
                    : Integer.compare(b.monthsBehind(), a.monthsBehind()));
            for (int i = 0; i < 6; i++) {
                total[i] += f[i];
            }
            out.add(new DuesViews.BranchArrears(branch.id(), branch.name(), arrearsFigures(f), list));
        }
        return new DuesViews.ArrearsReport(org.id(), org.name(), now.minusMonths(1).toString(), flagAfter,
                arrearsFigures(total), out);
    }

    private static ArrearsFigures arrearsFigures(long[] f) {
        return new ArrearsFigures((int) f[0], (int) f[1], (int) f[2], (int) f[3], f[4], (int) f[5]);
    }

    @Transactional(readOnly = true)
    public DuesViews.FiguresReport figures(Organisation org, MonthPeriod period) {
        List<Organisation> branches = branchesOf(org);
        Accounts accounts = accounts(branches);
        YearMonth now = thisMonth();
        Map<Long, long[]> byBranch = new HashMap<>();
        for (MemberStore.MemberName m : accounts.roster()) {
            long[] f = byBranch.computeIfAbsent(m.branchId(), k -> new long[6]);
            DuesAccount account = accounts.byMember().get(m.id());
            f[0]++;
            if (account.hasRate()) {
                f[1]++;
            }
            long[] p = account.period(period.first(), period.last(), now);
            f[2] += p[0];
            f[3] += p[1];
            f[4] += p[2];
            f[5] += p[3];
        }
        long[] total = new long[6];
        List<DuesViews.BranchFigures> out = new ArrayList<>();
        for (Organisation branch : branches) {
            long[] f = byBranch.getOrDefault(branch.id(), new long[6]);
            for (int i = 0; i < 6; i++) {
                total[i] += f[i];
            }
            out.add(new DuesViews.BranchFigures(branch.id(), branch.name(), figures(f)));
        }
        return new DuesViews.FiguresReport(org.id(), org.name(), period.label(), period.from(), period.to(),
                figures(total), out);
    }

    private static DuesViews.Figures figures(long[] f) {
        return new DuesViews.Figures((int) f[0], (int) f[1], f[2], f[3], (int) f[4], (int) f[5]);
    }
}
