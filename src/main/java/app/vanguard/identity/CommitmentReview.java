package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The secretary's review of a commitment for one year. */
@MappedEntity("commitment_review")
public record CommitmentReview(@Id @GeneratedValue @Nullable Long id,
                               long commitmentId,
                               int reviewYear,
                               ReviewVerdict verdict,
                               @Nullable String comment,
                               long reviewerId,
                               long atMs) {
}
