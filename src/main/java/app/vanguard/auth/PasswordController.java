package app.vanguard.auth;

import app.vanguard.org.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The signed-in member's own credentials. */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PasswordController {

    private final AccountService accounts;

    public PasswordController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Serdeable
    public record ChangePasswordRequest(@NotBlank @Size(max = 128) String currentPassword,
                                        @NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    @Put("/password")
    public HttpResponse<Void> changePassword(Authentication authentication, @Body @Valid ChangePasswordRequest body) {
        accounts.changePassword(Caller.of(authentication).memberId(), body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }
}
