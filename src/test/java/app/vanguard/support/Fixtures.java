package app.vanguard.support;

import app.vanguard.org.PasswordHasher;
import app.vanguard.auth.TokenService;
import app.vanguard.org.Member;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.MemberStatus;
import app.vanguard.org.OrgType;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrgService;
import app.vanguard.org.Role;
import app.vanguard.org.RoleAssignment;
import app.vanguard.org.RoleAssignmentRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh data for each test: its own committee, branches and members, so tests never share state. */
@Singleton
public class Fixtures {

    public static final String PASSWORD = "correct-horse-1";
    private static final AtomicLong PHONES = new AtomicLong(13_100_000_000L + ThreadLocalRandom.current().nextLong(800_000_000L));

    private final OrgService orgService;
    private final MemberRepository members;
    private final RoleAssignmentRepository roles;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private String passwordHash;

    public Fixtures(OrgService orgService, MemberRepository members, RoleAssignmentRepository roles,
                    PasswordHasher hasher, TokenService tokens) {
        this.orgService = orgService;
        this.members = members;
        this.roles = roles;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    public static String newPhone() {
        return Long.toString(PHONES.incrementAndGet());
    }

    public Organisation committee() {
        return org(null, OrgType.COMMITTEE, "党委");
    }

    public Organisation branch(Organisation parent) {
        return org(parent, OrgType.BRANCH, "党支部");
    }

    public Organisation group(Organisation branch) {
        return org(branch, OrgType.GROUP, "党小组");
    }

    public Organisation org(Organisation parent, OrgType type, String name) {
        return orgService.insertNode(parent, type, name + "-" + PHONES.get());
    }

    public Member member(Organisation branch) {
        if (passwordHash == null) {
            passwordHash = hasher.hash(PASSWORD);
        }
        Instant now = TestDates.now().truncatedTo(ChronoUnit.MILLIS);
        return members.save(new Member(null, newPhone(), "党员" + PHONES.get() % 1000, passwordHash, false,
                branch == null ? null : branch.id(), null, MemberStatus.FULL, LocalDate.of(TestDates.year() - 11, 7, 1), "先锋商贸", "店主",
                true, null, now, now));
    }

    public Member withRole(Member member, Role role, Organisation org) {
        roles.save(new RoleAssignment(null, member.id(), role, org == null ? null : org.id(), null,
                TestDates.now().truncatedTo(ChronoUnit.MILLIS)));
        return member;
    }

    public Member secretary(Organisation branch) {
        return withRole(member(branch), Role.SECRETARY, branch);
    }

    public Member orgAdmin(Organisation org) {
        return withRole(member(null), Role.ORG_ADMIN, org);
    }

    public Member systemAdmin() {
        return withRole(member(null), Role.SYSTEM_ADMIN, null);
    }

    /** An access token for the member, as a sign-in would give (roles read now). */
    public String token(Member member) {
        return tokens.issueNewFamily(member).accessToken();
    }
}
