package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** The JSON shapes the org endpoints answer with. */
public final class OrgViews {

    private OrgViews() {
    }

    @Serdeable
    public record OrgRef(long id, OrgType type, String name) {
        static OrgRef of(Organisation o) {
            return new OrgRef(o.id(), o.type(), o.name());
        }
    }

    @Serdeable
    public record PersonRef(long id, String name) {
    }

    @Serdeable
    public record RoleView(Role role, @Nullable Long orgId, @Nullable String orgName) {
    }

    @Serdeable
    public record MemberView(long id, String name, String phone, MemberStatus status, @Nullable LocalDate joinedOn,
                             @Nullable Long branchId, @Nullable Long groupId, @Nullable String employer,
                             @Nullable String position, boolean enabled) {
        static MemberView of(Member m) {
            return new MemberView(m.id(), m.name(), m.phone(), m.status(), m.joinedOn(), m.branchId(), m.groupId(),
                    m.employer(), m.position(), m.enabled());
        }
    }

    @Serdeable
    public record MeView(long id, String name, String phone, MemberStatus status, @Nullable LocalDate joinedOn,
                         @Nullable String employer, @Nullable String position, @Nullable OrgRef branch,
                         @Nullable OrgRef group, List<RoleView> roles, boolean passwordChangeRequired,
                         boolean wechatBound) {
    }

    @Serdeable
    public record BranchView(long id, String name, List<OrgRef> ancestors, List<OrgRef> groups,
                             List<PersonRef> secretaries, List<PersonRef> committeeMembers, long memberCount) {
    }

    /** A member just created, with the one-time initial password to hand to them (they must change it). */
    @Serdeable
    public record CreatedMember(MemberView member, String initialPassword) {
    }

    @Serdeable
    public record ImportResult(int created, List<CreatedMember> members) {
    }

    @Serdeable
    public record OrgNode(long id, OrgType type, String name, long memberCount, List<OrgNode> children) {
    }
}
