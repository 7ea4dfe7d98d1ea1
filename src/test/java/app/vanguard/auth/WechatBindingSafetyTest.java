package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.WechatStub;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whoever knows an initial password cannot take an account over through WeChat for good. */
@MicronautTest(transactional = false)
class WechatBindingSafetyTest extends ApiTestBase {

    private String ticket(String openid) {
        String code = "code-" + UUID.randomUUID();
        WechatStub.register(code, openid);
        var login = api().post("/auth/wechat/login", null, Map.of("code", code));
        assertEquals("BIND_REQUIRED", login.json().get("status").asText(), login::toString);
        return login.json().get("bindTicket").asText();
    }

    private String wechatLogin(String openid) {
        String code = "code-" + UUID.randomUUID();
        WechatStub.register(code, openid);
        return api().post("/auth/wechat/login", null, Map.of("code", code)).json().get("status").asText();
    }

    @Test
    void anInitialPasswordCannotBindWechat() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String phone = Fixtures.newPhone();
        var created = api().post("/branches/" + branch.id() + "/members", fixtures.token(fixtures.secretary(branch)),
                Map.of("name", "新党员", "phone", phone, "status", "FULL"));
        String initial = created.json().get("initialPassword").asText();
        String openid = "openid-" + UUID.randomUUID();
        var bind = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket(openid), "phone", phone, "password", initial));
        assertEquals(403, bind.status(), bind::toString);
        assertEquals("PASSWORD_CHANGE_REQUIRED", bind.code());
        assertEquals("BIND_REQUIRED", wechatLogin(openid));
    }

    @Test
    void theMemberSeesTheBindingAndCanRemoveIt() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String openid = "openid-" + UUID.randomUUID();
        var bound = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket(openid), "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, bound.status(), bound::toString);
        String token = bound.json().get("accessToken").asText();

        var binding = api().get("/me/wechat", token);
        assertEquals(200, binding.status(), binding::toString);
        assertTrue(binding.json().get("bound").asBoolean());
        assertTrue(binding.json().has("boundAt"));
        assertEquals(openid.substring(openid.length() - 6), binding.json().get("openidSuffix").asText());

        assertEquals(204, api().delete("/me/wechat", token).status());
        assertEquals(204, api().delete("/me/wechat", token).status()); // idempotent
        assertFalse(api().get("/me/wechat", token).json().get("bound").asBoolean());
        assertFalse(api().get("/me", token).json().get("wechatBound").asBoolean());
        assertEquals("BIND_REQUIRED", wechatLogin(openid));
    }

    @Test
    void aPasswordChangeEndsTheBinding() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String openid = "openid-" + UUID.randomUUID();
        String token = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket(openid), "phone", member.phone(), "password", Fixtures.PASSWORD))
                .json().get("accessToken").asText();
        assertEquals("BOUND", wechatLogin(openid));
        assertEquals(204, api().put("/me/password", token,
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "another-password-2")).status());
        assertEquals("BIND_REQUIRED", wechatLogin(openid));
    }

    @Test
    void theWechatEndpointsNeedASignIn() {
        assertEquals(401, api().get("/me/wechat", null).status());
        assertEquals(401, api().delete("/me/wechat", null).status());
    }
}
