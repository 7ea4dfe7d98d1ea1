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

    @Serdeable
    public record LoginRequest(@NotBlank @Size(max = 20) String phone, @NotBlank @Size(max = 128) String password) {
        public LoginRequest {
            phone = Phones.normalise(phone);
        }
    }

    @Serdeable
    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Serdeable
    public record WechatLoginRequest(@NotBlank @Size(max = 200) String code) {
    }

    @Serdeable
    public record WechatBindRequest(@NotBlank @Size(max = 200) String bindTicket,
                                    @NotBlank @Size(max = 20) String phone,
                                    @NotBlank @Size(max = 128) String password) {
        public WechatBindRequest {
            phone = Phones.normalise(phone);
        }
    }

    /** BOUND with tokens, or BIND_REQUIRED with a ticket for {@code POST /auth/wechat/bind}. */
    @Serdeable
    public record WechatLoginResponse(String status, @Nullable TokenResponse tokens, @Nullable String bindTicket) {
    }

    @Post("/login")
    public TokenResponse login(HttpRequest<?> request, @Body @Valid LoginRequest body) {
        return auth.login(body.phone(), body.password(), clientAddress.of(request));
    }

    @Post("/refresh")
    public TokenResponse refresh(@Body @Valid RefreshRequest body) {
        return auth.refresh(body.refreshToken());
    }

    @Post("/logout")
    public HttpResponse<Void> logout(@Body @Valid RefreshRequest body) {
        auth.logout(body.refreshToken());
        return HttpResponse.noContent();
    }

    @Post("/wechat/login")
    public WechatLoginResponse wechatLogin(@Body @Valid WechatLoginRequest body) {
        AuthService.WechatOutcome outcome = auth.wechatLogin(body.code());
        return outcome.tokens() != null
                ? new WechatLoginResponse("BOUND", outcome.tokens(), null)
                : new WechatLoginResponse("BIND_REQUIRED", null, outcome.bindTicket());
    }

    @Post("/wechat/bind")
    public TokenResponse wechatBind(HttpRequest<?> request, @Body @Valid WechatBindRequest body) {
        return auth.wechatBind(body.bindTicket(), body.phone(), body.password(), clientAddress.of(request));
    }
}
