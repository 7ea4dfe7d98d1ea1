package app.vanguard.org;

import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

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
