package app.vanguard.org;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Demo data for the run command (README lists the accounts): one committee, two branches, a group, a secretary,
 * members, an org admin and a system admin. Loaded once, into an empty database.
 */
@Singleton
@Requires(property = "vanguard.demo-data.enabled", value = "true")
public class DemoData {

    public static final String DEMO_PASSWORD = "vanguard2026";
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final OrgService orgService;
    private final MemberRepository members;
    private final RoleAssignmentRepository roles;
    private final PasswordHasher hasher;
    private final Clock clock;

    public DemoData(OrgService orgService, MemberRepository members, RoleAssignmentRepository roles,
                    PasswordHasher hasher, Clock clock) {
        this.orgService = orgService;
        this.members = members;
        this.roles = roles;
        this.hasher = hasher;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        if (members.count() > 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Organisation committee = orgService.insertNode(null, OrgType.COMMITTEE, "示范商会党委");
        Organisation market = orgService.insertNode(committee, OrgType.BRANCH, "东门专业市场联合党支部");
        Organisation firm = orgService.insertNode(committee, OrgType.BRANCH, "先锋科技有限公司党支部");
        Organisation group = orgService.insertNode(market, OrgType.GROUP, "第一党小组");
        String hash = hasher.hash(DEMO_PASSWORD);
        Member admin = member("13800000000", "系统管理员", null, null, hash, now);
        Member orgAdmin = member("13800000001", "王委员", market, null, hash, now);
        Member secretary = member("13800000002", "李书记", market, group, hash, now);
        member("13800000003", "张党员", market, group, hash, now);
        member("13800000004", "陈党员", market, null, hash, now);
        Member firmSecretary = member("13800000005", "赵书记", firm, null, hash, now);
        member("13800000006", "刘党员", firm, null, hash, now);
        roles.save(new RoleAssignment(null, admin.id(), Role.SYSTEM_ADMIN, null, null, now));
        roles.save(new RoleAssignment(null, orgAdmin.id(), Role.ORG_ADMIN, committee.id(), admin.id(), now));
        roles.save(new RoleAssignment(null, secretary.id(), Role.SECRETARY, market.id(), admin.id(), now));
        roles.save(new RoleAssignment(null, firmSecretary.id(), Role.SECRETARY, firm.id(), admin.id(), now));
        LOG.info("Demo data loaded: sign in with phone 13800000002 (secretary) and password {}", DEMO_PASSWORD);
    }

    private Member member(String phone, String name, Organisation branch, Organisation group, String hash, Instant now) {
        return members.save(new Member(null, phone, name, hash, false, branch == null ? null : branch.id(),
                group == null ? null : group.id(), MemberStatus.FULL, LocalDate.of(2010, 7, 1), null, null, true, null,
                now, now));
    }
}
