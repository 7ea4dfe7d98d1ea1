package app.vanguard.org;

import app.vanguard.shared.ApiException;
import app.vanguard.shared.Sql;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.Phones;
import app.vanguard.shared.TabularFile;
import app.vanguard.shared.Problem;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A secretary's roster work: add, edit, disable and bulk-import members of their branch. */
@Singleton
public class MemberService {

    static final int MAX_IMPORT_ROWS = 1000;
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final PasswordHasher hasher;
    private final ApplicationEventPublisher<MemberAccessChanged> accessChanges;
    private final RoleAssignmentRepository roles;
    private final AccessPolicy access;
    private final Clock clock;

    public MemberService(MemberRepository members, OrganisationRepository organisations, PasswordHasher hasher,
                         ApplicationEventPublisher<MemberAccessChanged> accessChanges, RoleAssignmentRepository roles,
                         AccessPolicy access, Clock clock) {
        this.roles = roles;
        this.access = access;
        this.members = members;
        this.organisations = organisations;
        this.hasher = hasher;
        this.accessChanges = accessChanges;
        this.clock = clock;
    }

    public OrgViews.CreatedMember create(Organisation branch, OrgViews.MemberRequest request) {
        checkGroup(branch, request.groupId());
        if (members.findByPhone(request.phone()).isPresent()) {
            throw phoneTaken("phone");
        }
        String password = request.initialPassword() != null ? request.initialPassword() : generatePassword();
        Instant now = now();
        Member member = new Member(null, request.phone(), request.name().trim(), hasher.hash(password, "initialPassword"), true,
                branch.id(), request.groupId(), request.status(), request.joinedOn(), blankToNull(request.employer()),
                blankToNull(request.position()), true, null, now, now);
        try {
            member = members.save(member);
        } catch (DataAccessException e) {
            throw Sql.isDuplicate(e) ? phoneTaken("phone") : e;
        }
        return new OrgViews.CreatedMember(OrgViews.MemberView.of(member), password);
    }

    /** Changing the login phone of a member who holds a role the caller cannot administer is refused (403). */
    public OrgViews.MemberView update(Caller caller, Organisation branch, long memberId, OrgViews.MemberRequest request) {
        Member existing = memberOf(branch, memberId);
        if (!existing.phone().equals(request.phone())) {
            requireAdministersRolesOf(caller, existing, "change the phone of");
        }
        checkGroup(branch, request.groupId());
        if (!existing.phone().equals(request.phone())
                && members.findByPhone(request.phone()).filter(m -> !m.id().equals(memberId)).isPresent()) {
            throw phoneTaken("phone");
        }
        Member updated = new Member(existing.id(), request.phone(), request.name().trim(), existing.passwordHash(),
                existing.passwordChangeRequired(), existing.branchId(), request.groupId(), request.status(),
                request.joinedOn(), blankToNull(request.employer()), blankToNull(request.position()), existing.enabled(),
                existing.wechatOpenid(), existing.createdAt(), now());
        try {
            return OrgViews.MemberView.of(members.update(updated));
        } catch (DataAccessException e) {
            throw Sql.isDuplicate(e) ? phoneTaken("phone") : e;
        }
    }

    /**
     * Disabling also ends every sign-in of the member (auth revokes their tokens on the event). A member holding a
     * role the caller cannot administer (a secretary, an org admin above, a system admin) is left alone (403).
     */
    public OrgViews.MemberView setEnabled(Caller caller, Organisation branch, long memberId, boolean enabled) {
        Member existing = memberOf(branch, memberId);
        requireAdministersRolesOf(caller, existing, enabled ? "enable" : "disable");
        members.updateEnabledAndUpdatedAt(memberId, enabled, now());
        if (!enabled) {
            accessChanges.publishEvent(new MemberAccessChanged(memberId, MemberAccessChanged.Reason.DISABLED));
        }
        return OrgViews.MemberView.of(members.findById(existing.id()).orElseThrow());
    }

    private void requireAdministersRolesOf(Caller caller, Member member, String what) {
        for (RoleAssignment role : roles.findByMemberId(member.id())) {
            if (!access.canAdministerRole(caller, role.role(), role.orgId())) {
                throw ApiException.forbidden("You may not " + what + " member " + member.id() + ": they hold "
                        + role.role() + (role.orgId() == null ? "" : " on organisation " + role.orgId())
                        + ", which you cannot administer");
            }
        }
    }

    public Member memberOf(Organisation branch, long memberId) {
        return members.findById(memberId).filter(m -> branch.id().equals(m.branchId()))
                .orElseThrow(() -> ApiException.notFound("Member " + memberId + " of branch " + branch.id()));
    }

    /** The roster file's columns (Chinese header or English key); only name, phone and status are required. */
    static final List<TabularFile.Column> IMPORT_COLUMNS = List.of(
            TabularFile.Column.required("name", "姓名"),
            TabularFile.Column.required("phone", "手机号", "手机号码", "电话"),
            TabularFile.Column.required("status", "党员类别", "类别"),
            TabularFile.Column.optional("joinedOn", "入党日期", "入党时间"),
            TabularFile.Column.optional("group", "党小组"),
            TabularFile.Column.optional("employer", "工作单位", "单位"),
            TabularFile.Column.optional("position", "职务", "岗位"));

    /**
     * Imports members from a roster file (CSV in UTF-8 / GBK / GB18030, or .xlsx; see {@link #IMPORT_COLUMNS}). Every
     * row is checked first; one bad row rejects the whole file with each problem's row and column, and nothing is
     * written.
     */
    @Transactional
    public OrgViews.ImportResult importFile(Organisation branch, byte[] body, @Nullable String contentType) {
        List<TabularFile.FileRow> records = TabularFile.read(body, contentType, IMPORT_COLUMNS, MAX_IMPORT_ROWS);
        Map<String, Long> groupsByName = new HashMap<>();
        for (Organisation g : organisations.findByParentIdAndType(branch.id(), OrgType.GROUP)) {
            groupsByName.put(g.name(), g.id());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<OrgViews.MemberRequest> rows = new ArrayList<>();
        Map<String, Integer> rowOfPhone = new HashMap<>();
        for (TabularFile.FileRow record : records) {
            OrgViews.MemberRequest parsed = parseRow(record, groupsByName, rowOfPhone, BusinessTime.today(clock), errors);
            if (parsed != null) {
                rows.add(parsed);
            }
        }
        if (!rows.isEmpty()) {
            Set<String> taken = new HashSet<>();
            members.findByPhoneIn(rows.stream().map(OrgViews.MemberRequest::phone).toList()).forEach(m -> taken.add(m.phone()));
            for (OrgViews.MemberRequest row : rows) {
                if (taken.contains(row.phone())) {
                    errors.add(new Problem.FieldError("phone", rowOfPhone.get(row.phone()),
                            "phone " + row.phone() + " already belongs to a member"));
                }
            }
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> Integer.compare(a.row() == null ? 0 : a.row(), b.row() == null ? 0 : b.row()));
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported", errors);
        }
        List<OrgViews.CreatedMember> created = new ArrayList<>();
        for (OrgViews.MemberRequest row : rows) {
            created.add(create(branch, row));
        }
        return new OrgViews.ImportResult(created.size(), created);
    }

    /** The roster import template: the Chinese header row and one example member. */
    public static byte[] importTemplateXlsx() {
        return TabularFile.templateXlsx("花名册", IMPORT_COLUMNS, List.of("张三", "13800000000", "正式党员",
                "2016-07-01", "", "示例五金店", "店主"), List.of(
                new String[]{"列", "填写"},
                new String[]{"姓名", "必填，100字以内"},
                new String[]{"手机号", "必填，11位手机号（可带 +86、空格或横线）"},
                new String[]{"党员类别", "必填：正式党员 或 预备党员（也可写 FULL / PROBATIONARY）"},
                new String[]{"入党日期", "可不填，格式 2016-07-01"},
                new String[]{"党小组", "可不填：本支部党小组的名称"},
                new String[]{"工作单位、职务", "可不填"}));
    }

    private static @Nullable OrgViews.MemberRequest parseRow(TabularFile.FileRow record, Map<String, Long> groups,
                                                             Map<String, Integer> rowOfPhone, LocalDate today,
                                                             List<Problem.FieldError> errors) {
        int before = errors.size();
        int row = record.row();
        String name = record.get("name");
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new Problem.FieldError("name", row, "name is required (at most 100 characters)"));
        }
        String phone = Phones.normalise(record.get("phone"));
        if (!phone.matches(OrgViews.MemberRequest.PHONE_PATTERN)) {
            errors.add(new Problem.FieldError("phone", row, "must be an 11-digit mainland mobile number"));
        } else if (rowOfPhone.putIfAbsent(phone, row) != null) {
            errors.add(new Problem.FieldError("phone", row, "phone " + phone + " appears twice in the file"));
        }
        MemberStatus status = null;
        String s = record.get("status");
        try {
            status = MemberStatus.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            if (s.equals("正式") || s.equals("正式党员")) {
                status = MemberStatus.FULL;
            } else if (s.equals("预备") || s.equals("预备党员")) {
                status = MemberStatus.PROBATIONARY;
            } else {
                errors.add(new Problem.FieldError("status", row, "must be FULL (正式) or PROBATIONARY (预备)"));
            }
        }
        LocalDate joinedOn = null;
        if (!record.get("joinedOn").isEmpty()) {
            try {
                joinedOn = LocalDate.parse(record.get("joinedOn"));
                if (joinedOn.isAfter(today)) {
                    errors.add(new Problem.FieldError("joinedOn", row, "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("joinedOn", row, "must be a date like 2016-07-01"));
            }
        }
        Long groupId = null;
        String group = record.get("group");
        if (!group.isEmpty()) {
            groupId = groups.get(group);
            if (groupId == null) {
                errors.add(new Problem.FieldError("group", row, "no group named " + group + " in this branch"));
            }
        }
        if (record.get("employer").length() > 200) {
            errors.add(new Problem.FieldError("employer", row, "at most 200 characters"));
        }
        if (record.get("position").length() > 100) {
            errors.add(new Problem.FieldError("position", row, "at most 100 characters"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new OrgViews.MemberRequest(name, phone, status, joinedOn, groupId, blankToNull(record.get("employer")),
                blankToNull(record.get("position")), null);
    }

    private void checkGroup(Organisation branch, @Nullable Long groupId) {
        if (groupId == null) {
            return;
        }
        Organisation group = organisations.findById(groupId).orElse(null);
        if (group == null || group.type() != OrgType.GROUP || !branch.id().equals(group.parentId())) {
            throw ApiException.invalid("groupId", "no such group in this branch");
        }
    }

    private static ApiException phoneTaken(String field) {
        return new ApiException(HttpStatus.CONFLICT, "PHONE_TAKEN", "Another member already has this phone number",
                List.of(new Problem.FieldError(field, null, "already belongs to a member")));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String generatePassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
