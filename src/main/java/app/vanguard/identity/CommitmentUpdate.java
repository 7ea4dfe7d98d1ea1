package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A progress note the member added to a commitment. */
@MappedEntity("commitment_update")
public record CommitmentUpdate(@Id @GeneratedValue @Nullable Long id,
                               long commitmentId,
                               CommitmentStatus status,
                               @Nullable String note,
                               long atMs) {
}
