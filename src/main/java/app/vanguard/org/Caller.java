package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, read from the verified access token: their member id, branch, and the roles they hold on which
 * organisations ("scopes" claim, e.g. SECRETARY:12). Roles are reloaded from MySQL at every refresh.
 */
public record Caller(long memberId, @Nullable Long branchId, Set<Role> roles, List<Scope> scopes) {

    public static final String BRANCH_CLAIM = "branchId";
    public static final String SCOPES_CLAIM = "scopes";
    public static final String NAME_CLAIM = "name";

    /** One role held on one organisation (null for SYSTEM_ADMIN). */
    public record Scope(Role role, @Nullable Long orgId) {
        public String encode() {
            return role.name() + ":" + (orgId == null ? "" : orgId);
        }

        static Scope decode(String text) {
            int colon = text.indexOf(':');
            String id = text.substring(colon + 1);
            return new Scope(Role.valueOf(text.substring(0, colon)), id.isEmpty() ? null : Long.valueOf(id));
        }
    }

    public static Caller of(Authentication authentication) {
        long memberId = Long.parseLong(authentication.getName());
        Object branch = authentication.getAttributes().get(BRANCH_CLAIM);
        Long branchId = branch instanceof Number n ? n.longValue() : branch != null ? Long.valueOf(branch.toString()) : null;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : authentication.getRoles()) {
            roles.add(Role.valueOf(role));
        }
        List<Scope> scopes = new ArrayList<>();
        if (authentication.getAttributes().get(SCOPES_CLAIM) instanceof Collection<?> list) {
            for (Object o : list) {
                scopes.add(Scope.decode(o.toString()));
            }
        }
        return new Caller(memberId, branchId, roles, List.copyOf(scopes));
    }

    public boolean isSystemAdmin() {
        return roles.contains(Role.SYSTEM_ADMIN);
    }

    public boolean holds(Role role, long orgId) {
        return scopes.stream().anyMatch(s -> s.role() == role && s.orgId() != null && s.orgId() == orgId);
    }

    public List<Long> orgsWith(Role role) {
        return scopes.stream().filter(s -> s.role() == role && s.orgId() != null).map(Scope::orgId).toList();
    }
}
