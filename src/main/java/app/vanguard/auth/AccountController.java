package app.vanguard.auth;

import app.vanguard.org.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The signed-in member's own credentials: password and WeChat binding. */
@Controller("/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Put("/password")
    public HttpResponse<Void> changePassword(Authentication authentication, @Body @Valid AuthViews.ChangePasswordRequest body) {
        accounts.changePassword(Caller.of(authentication).memberId(), body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }

    @Get("/wechat")
    public AuthViews.WechatBindingView wechat(Authentication authentication) {
        return accounts.wechatBinding(Caller.of(authentication).memberId())
                .map(b -> new AuthViews.WechatBindingView(true, b.boundAt(),
                        b.openid().substring(Math.max(0, b.openid().length() - 6))))
                .orElse(new AuthViews.WechatBindingView(false, null, null));
    }

    @Delete("/wechat")
    public HttpResponse<Void> unbindWechat(Authentication authentication) {
        accounts.unbindWechat(Caller.of(authentication).memberId());
        return HttpResponse.noContent();
    }
}
