package app.vanguard.identity;

import app.vanguard.org.MemberStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** An identity declaration (亮身份): who the member is, their duty (亮职责), to a receiving branch. */
@MappedEntity("declaration")
public record Declaration(@Id @GeneratedValue @Nullable Long id,
                          long memberId,
                          long branchId,
                          DeclarationState state,
                          MemberStatus membershipStatus,
                          @Nullable LocalDate joinedOn,
                          String registeredOrg,
                          boolean mobile,
                          @Nullable String mobileOrigin,
                          String workplace,
                          @Nullable String position,
                          @Nullable String duties,
                          @Nullable String idCardHash,
                          @Nullable String idCardLast4,
                          @Nullable String rejectReason,
                          long submittedAtMs,
                          @Nullable Long decidedAtMs,
                          @Nullable Long decidedBy,
                          long createdAtMs) {
}
