package app.vanguard.auth;

import app.vanguard.shared.Phones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final AuthService auth;
    private final ClientAddress clientAddress;

    public AuthController(AuthService auth, ClientAddress clientAddress) {
        this.auth = auth;
        this.clientAddress = clientAddress;
    }

    @Post("/login")
    public AuthViews.TokenResponse login(HttpRequest<?> request, @Body @Valid AuthViews.LoginRequest body) {
        return auth.login(body.phone(), body.password(), clientAddress.of(request));
    }

    @Post("/refresh")
    public AuthViews.TokenResponse refresh(@Body @Valid AuthViews.RefreshRequest body) {
        return auth.refresh(body.refreshToken());
    }

    @Post("/logout")
    public HttpResponse<Void> logout(@Body @Valid AuthViews.RefreshRequest body) {
        auth.logout(body.refreshToken());
        return HttpResponse.noContent();
    }

    @Post("/wechat/login")
    public AuthViews.WechatLoginResponse wechatLogin(@Body @Valid AuthViews.WechatLoginRequest body) {
        AuthService.WechatOutcome outcome = auth.wechatLogin(body.code());
        return outcome.tokens() != null
                ? new AuthViews.WechatLoginResponse("BOUND", outcome.tokens(), null)
                : new AuthViews.WechatLoginResponse("BIND_REQUIRED", null, outcome.bindTicket());
    }

    @Post("/wechat/bind")
    public AuthViews.TokenResponse wechatBind(HttpRequest<?> request, @Body @Valid AuthViews.WechatBindRequest body) {
        return auth.wechatBind(body.bindTicket(), body.phone(), body.password(), clientAddress.of(request));
    }
}
