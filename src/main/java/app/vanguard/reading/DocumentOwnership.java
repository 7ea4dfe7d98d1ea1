package app.vanguard.reading;

import app.vanguard.org.AccessPolicy;
import app.vanguard.org.Caller;
import app.vanguard.org.Role;
import app.vanguard.reading.ReadingViews.DocumentKind;
import app.vanguard.reading.ReadingViews.ImportResult;
import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Who may put a document into the library, and replace it. A new document belongs to an organisation (its
 * {@code orgId}, one the caller administers; an org admin of a single organisation may leave it out) or, imported
 * by a system admin without {@code orgId}, to the shared library. Re-importing a key (a new revision that keeps
 * article ids, so plans and points follow it) is for admins of the owning organisation (or above it) and system
 * admins; the shared library, which every organisation reads, for system admins only.
 */
@Singleton
public class DocumentOwnership {

    private final DocumentImporter importer;
    private final AccessPolicy access;

    public DocumentOwnership(DocumentImporter importer, AccessPolicy access) {
        this.importer = importer;
        this.access = access;
    }

    public ImportResult importAs(Caller caller, @Nullable Long orgId, @Nullable String key, @Nullable String title,
                                 DocumentKind kind, String text) {
        List<Long> adminOf = caller.orgsWith(Role.ORG_ADMIN);
        if (!caller.isSystemAdmin() && adminOf.isEmpty()) {
            throw ApiException.forbidden("Only system admins and org admins import documents");
        }
        Long owner;
        if (orgId != null) {
            owner = access.requireAdminister(caller, orgId).id();
        } else if (caller.isSystemAdmin()) {
            owner = null;
        } else if (adminOf.size() == 1) {
            owner = adminOf.get(0);
        } else {
            throw ApiException.invalid("orgId", "you administer several organisations: name the one that owns the document");
        }
        return importer.importText(key, title, kind, text, owner,
                current -> current == null ? caller.isSystemAdmin() : access.canAdminister(caller, access.organisation(current)));
    }
}
