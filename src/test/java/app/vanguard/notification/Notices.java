package app.vanguard.notification;

import app.vanguard.org.Member;
import app.vanguard.support.Api;
import app.vanguard.support.Fixtures;
import app.vanguard.support.WechatStub;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: bind a member to WeChat through the sign-in API, schedule a meeting, read an inbox. */
public final class Notices {

    private final Api api;

    public Notices(Api api) {
        this.api = api;
    }

    /** Binds the member's account to a fresh openid the way the mini-program does; answers the openid. */
    public String bindWechat(Member member) {
        String openid = "openid-" + UUID.randomUUID();
        String code = "code-" + UUID.randomUUID();
        WechatStub.register(code, openid);
        String ticket = api.post("/auth/wechat/login", null, Map.of("code", code)).json().get("bindTicket").asText();
        Api.Response bound = api.post("/auth/wechat/bind", null,
                Map.of("bindTicket", ticket, "phone", member.phone(), "password", Fixtures.PASSWORD));
        assertEquals(200, bound.status(), bound::toString);
        return openid;
    }

    public static Map<String, Object> meeting(String type, Instant startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("topic", "学习党章");
        body.put("place", "党群服务中心");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusSeconds(5400).toString());
        return body;
    }

    public long schedule(long branchId, String secretaryToken, Instant startsAt) {
        Api.Response r = api.post("/branches/" + branchId + "/meetings", secretaryToken,
                meeting("BRANCH_GENERAL_MEETING", startsAt));
        assertEquals(201, r.status(), r::toString);
        return r.json().get("id").asLong();
    }

    public JsonNode inbox(String token) {
        Api.Response r = api.get("/me/notifications?size=100", token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    /** The kinds in the member's inbox, newest first. */
    public List<String> kinds(String token) {
        List<String> kinds = new ArrayList<>();
        JsonNode items = inbox(token).path("items");
        items.forEach(i -> kinds.add(i.get("kind").asText()));
        return kinds;
    }
}
