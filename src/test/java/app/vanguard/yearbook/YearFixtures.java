package app.vanguard.yearbook;

import app.vanguard.support.Api;
import app.vanguard.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers of the yearbook tests: hold a meeting with chosen attendees present, read articles for a time. */
final class YearFixtures {

    static final String READER = """
            # 学时测试读本

            ## 第一章　总则

            第一条　党员应当每天按照支部制定的计划完成当天的阅读任务。

            第二条　阅读应当逐字逐句，读懂读透。

            第三条　因故未能按时阅读的，应当及时补读。
            """;

    private final Api api;
    private final TestClock clock;

    YearFixtures(Api api, TestClock clock) {
        this.api = api;
        this.clock = clock;
    }

    /**
     * Schedules a meeting of the type starting at {@code startsAt} (the clock is before it), moves the clock to its
     * start, has {@code marker} mark the given members present, and closes it after its end (the others absent).
     */
    long hold(long branchId, String secretary, String marker, String type, Instant startsAt, List<Long> present) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("topic", "学习党章");
        body.put("place", "党群服务中心");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusSeconds(5400).toString());
        Api.Response scheduled = api.post("/branches/" + branchId + "/meetings", secretary, body);
        assertEquals(201, scheduled.status(), scheduled::toString);
        long id = scheduled.json().get("id").asLong();
        clock.set(startsAt.plusSeconds(300));
        for (Long memberId : present) {
            Api.Response marked = api.post("/meetings/" + id + "/attendance/" + memberId + "/mark-present", marker,
                    Map.of("reason", "现场签到"));
            assertEquals(true, marked.status() == 200 || marked.status() == 201, marked::toString);
        }
        clock.set(startsAt.plusSeconds(7200));
        Api.Response closed = api.post("/meetings/" + id + "/close", secretary, null);
        assertEquals(200, closed.status(), closed::toString);
        // Held (fair play): members were marked by hand, so the minutes are what shows the meeting took place.
        Api.Response minutes = api.put("/meetings/" + id + "/minutes", secretary, Map.of("content", "学习党章第一章"));
        assertEquals(200, minutes.status(), minutes::toString);
        return id;
    }

    /** Imports a small reader (system admin) and answers its article ids. */
    List<Long> reader(String systemAdmin) {
        Api.Response r = api.send("POST", "/reading/documents/import?key=" + URLEncoder.encode("y-"
                + UUID.randomUUID().toString().substring(0, 12), StandardCharsets.UTF_8) + "&kind=CONSTITUTION",
                systemAdmin, "text/plain; charset=utf-8", READER, Map.of());
        assertEquals(201, r.status(), r::toString);
        Api.Response doc = api.get("/reading/documents/" + r.json().get("documentId").asLong(), systemAdmin);
        List<Long> ids = new ArrayList<>();
        for (JsonNode a : doc.json().path("articles")) {
            ids.add(a.get("id").asLong());
        }
        return ids;
    }

    /** Opens the article, lets {@code dwell} pass on the clock, and finishes it. */
    void read(String member, long articleId, Duration dwell) {
        Api.Response opened = api.post("/reading/articles/" + articleId + "/open", member, null);
        assertEquals(201, opened.status(), opened::toString);
        clock.advance(dwell);
        Api.Response finished = api.post("/reading/sessions/" + opened.json().get("sessionId").asLong() + "/finish",
                member, null);
        assertEquals(200, finished.status(), finished::toString);
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    static void assertHours(String expected, JsonNode actual, String what) {
        assertEquals(0, new BigDecimal(expected).compareTo(dec(actual)), what + ": " + actual);
    }
}
