package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One commitment (承诺) of a declaration. */
@MappedEntity("commitment")
public record Commitment(@Id @GeneratedValue @Nullable Long id,
                         long declarationId,
                         long memberId,
                         long branchId,
                         int positionNo,
                         String content,
                         CommitmentStatus status,
                         @Nullable String note,
                         long updatedAtMs) {
}
