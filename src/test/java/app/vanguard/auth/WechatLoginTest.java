package app.vanguard.auth;

import app.vanguard.org.Member;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.WechatStub;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WeChat mini-program sign-in against a local jscode2session stub. */
@MicronautTest(transactional = false)
class WechatLoginTest extends ApiTestBase {

    private String code(String openid) {
        String code = "code-" + UUID.randomUUID();
        WechatStub.register(code, openid);
        return code;
    }

    @Test
    void firstSignInBindsByPhoneAndPasswordThenSignsInDirectly() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String openid = "openid-" + UUID.randomUUID();

        var first = api().post("/auth/wechat/login", null, Map.of("code", code(openid)));
        assertEquals(200, first.status(), first::toString);
        assertEquals("BIND_REQUIRED", first.json().get("status").asText());
        String ticket = first.json().get("bindTicket").asText();

        var wrongPassword = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket, "phone", member.phone(), "password", "not-the-password"));
        assertEquals(401, wrongPassword.status());

        var bound = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket, "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, bound.status(), bound::toString);
        assertTrue(api().get("/me", bound.json().get("accessToken").asText()).json().get("wechatBound").asBoolean());

        var again = api().post("/auth/wechat/login", null, Map.of("code", code(openid)));
        assertEquals("BOUND", again.json().get("status").asText());
        var me = api().get("/me", again.json().get("tokens").get("accessToken").asText());
        assertEquals(member.id().longValue(), me.json().get("id").asLong());

        // The ticket was spent.
        var reuse = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket, "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals("BIND_TICKET_INVALID", reuse.code());
    }

    @Test
    void aMemberBoundToOneWechatCannotBindAnother() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        String ticket1 = api().post("/auth/wechat/login", null, Map.of("code", code("openid-" + UUID.randomUUID())))
                .json().get("bindTicket").asText();
        api().post("/auth/wechat/bind", null, Map.of("bindTicket", ticket1, "phone", member.phone(), "password", Fixtures.PASSWORD));
        String ticket2 = api().post("/auth/wechat/login", null, Map.of("code", code("openid-" + UUID.randomUUID())))
                .json().get("bindTicket").asText();
        var conflict = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket2, "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(409, conflict.status());
        assertEquals("WECHAT_ALREADY_BOUND", conflict.code());
    }

    @Test
    void aCodeWechatRejectsIsUnauthorized() {
        var response = api().post("/auth/wechat/login", null, Map.of("code", "never-issued"));
        assertEquals(401, response.status());
        assertEquals("WECHAT_CODE_INVALID", response.code());
    }

    @Test
    void unknownBindTicketIsRejected() {
        Member member = fixtures.member(fixtures.branch(fixtures.committee()));
        var response = api().post("/auth/wechat/bind", null,
                Map.of("bindTicket", "made-up", "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(401, response.status());
        assertEquals("BIND_TICKET_INVALID", response.code());
    }
}
