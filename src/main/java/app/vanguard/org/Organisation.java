package app.vanguard.org;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A node of the tree. {@code path} lists the ids from the root, e.g. "/1/5/12/", so a subtree is a path prefix. */
@MappedEntity("organisation")
public record Organisation(@Id @GeneratedValue @Nullable Long id,
                           @Nullable Long parentId,
                           OrgType type,
                           String name,
                           String path,
                           Instant createdAt) {

    public boolean isWithin(Organisation ancestorOrSelf) {
        return path.startsWith(ancestorOrSelf.path());
    }

    public Organisation withPath(String newPath) {
        return new Organisation(id, parentId, type, name, newPath, createdAt);
    }
}
