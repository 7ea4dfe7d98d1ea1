package app.vanguard.reading;

import app.vanguard.support.Api;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers for the reading tests: import a document, list its article ids. */
final class ReadingSupport {

    static final String SMALL = """
            # 测试读本

            ## 第一章　总则

            第一条　党员应当每天按照支部制定的计划完成当天的阅读任务。

            第二条　阅读应当逐字逐句，读懂读透。

            第三条　因故未能按时阅读的，应当及时补读。

            ## 第二章　附则

            第四条　本读本供测试使用。
            """;

    private ReadingSupport() {
    }

    static String newKey() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static Api.Response importText(Api api, String adminToken, String key, String text) {
        return api.send("POST", "/reading/documents/import?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&kind=CONSTITUTION", adminToken, "text/plain; charset=utf-8", text, Map.of());
    }

    /** Imports and returns the document id. */
    static long importOk(Api api, String adminToken, String text) {
        Api.Response r = importText(api, adminToken, newKey(), text);
        assertEquals(201, r.status(), r::toString);
        return r.json().get("documentId").asLong();
    }

    static List<Long> articleIds(Api api, String token, long documentId) {
        Api.Response r = api.get("/reading/documents/" + documentId, token);
        assertEquals(200, r.status(), r::toString);
        List<Long> ids = new ArrayList<>();
        for (JsonNode a : r.json().path("articles")) {
            ids.add(a.get("id").asLong());
        }
        return ids;
    }
}
