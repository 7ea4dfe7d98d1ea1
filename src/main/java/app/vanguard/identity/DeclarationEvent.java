package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One state change of a declaration: kept for good. */
@MappedEntity("declaration_event")
public record DeclarationEvent(@Id @GeneratedValue @Nullable Long id,
                               long declarationId,
                               long branchId,
                               DeclarationAction action,
                               @Nullable DeclarationState fromState,
                               DeclarationState toState,
                               long actorId,
                               @Nullable String reason,
                               boolean mobile,
                               long atMs) {
}
