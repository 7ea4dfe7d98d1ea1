package app.vanguard.org;

import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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

    @Serdeable
    public record CreateOrgRequest(@Nullable Long parentId, @NotNull OrgType type, @NotBlank @Size(max = 200) String name) {
    }

    @Serdeable
    public record GrantRoleRequest(@NotNull Long memberId, @NotNull Role role) {
    }

    @Serdeable
    public record RoleGrantView(long memberId, Role role, long orgId) {
    }

    /** What a secretary enters for a member on their roster. */
    @Serdeable
    public record MemberRequest(@NotBlank @Size(max = 100) String name,
                                @NotBlank @Pattern(regexp = MemberRequest.PHONE_PATTERN, message = "must be an 11-digit mainland mobile number") String phone,
                                @NotNull MemberStatus status,
                                @Nullable @PastOrPresent LocalDate joinedOn,
                                @Nullable Long groupId,
                                @Nullable @Size(max = 200) String employer,
                                @Nullable @Size(max = 100) String position,
                                @Nullable @Size(min = 8, max = 128) String initialPassword) {

        public static final String PHONE_PATTERN = "^1[3-9][0-9]{9}$";

        public MemberRequest {
            phone = Phones.normalise(phone);
        }
    }

    /** GET /me/data-export: every feature's rows about the member, by section. */
    @Serdeable
    public record DataExport(long memberId, java.time.Instant exportedAt,
                             java.util.Map<String, List<java.util.Map<String, Object>>> sections) {
    }

    @Serdeable
    public record ErasureView(long memberId, java.time.Instant erasedAt) {
    }
}
