package app.vanguard.reading;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-importing a new revision keeps article ids: unchanged text keeps its id even when renumbered, a changed text
 * keeps its label's id, a removed article is retired but still readable and points to its successor; a rejected
 * import changes nothing.
 */
@MicronautTest(transactional = false)
class ReadingReimportTest extends ApiTestBase {

    static final String V2 = """
            # 测试读本

            ## 第一章　总则

            第一条　党员应当每天按照支部制定的计划完成当天的阅读任务。

            第二条　阅读应当逐字逐句，读懂读透，学有所思。

            ## 第二章　附则

            第三条　本读本供测试使用。
            """;

    @Test
    void aNewRevisionKeepsOldArticleIdsWorking() {
        String admin = fixtures.token(fixtures.orgAdmin(fixtures.committee()));
        String key = ReadingSupport.newKey();
        Api.Response v1 = ReadingSupport.importText(api(), admin, key, ReadingSupport.SMALL);
        assertEquals(201, v1.status(), v1::toString);
        long documentId = v1.json().get("documentId").asLong();
        List<Long> old = ReadingSupport.articleIds(api(), admin, documentId);
        assertEquals(4, old.size());

        Api.Response rejected = ReadingSupport.importText(api(), admin, key, "只有标题\n");
        assertEquals(422, rejected.status());
        assertEquals("IMPORT_REJECTED", rejected.code());

        Api.Response v2 = ReadingSupport.importText(api(), admin, key, V2);
        assertEquals(201, v2.status(), v2::toString);
        assertEquals(documentId, v2.json().get("documentId").asLong());
        assertEquals(2, v2.json().get("revision").asInt());
        assertEquals(3, v2.json().get("kept").asInt());
        assertEquals(0, v2.json().get("added").asInt());
        assertEquals(1, v2.json().get("retired").asInt());

        List<Long> now = ReadingSupport.articleIds(api(), admin, documentId);
        assertEquals(List.of(old.get(0), old.get(1), old.get(3)), now);
        JsonNode changed = api().get("/reading/articles/" + old.get(1), admin).json();
        assertTrue(changed.get("body").asText().endsWith("学有所思。"));
        JsonNode renumbered = api().get("/reading/articles/" + old.get(3), admin).json();
        assertEquals("第二章 第三条", renumbered.get("label").asText());
        JsonNode retired = api().get("/reading/articles/" + old.get(2), admin).json();
        assertTrue(retired.get("retired").asBoolean());
        assertEquals(old.get(3), retired.get("successorId").asLong());
        assertFalse(retired.get("body").asText().isEmpty(), "a retired article is still readable");

        String member = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        Api.Response refused = ReadingSupport.importText(api(), member, ReadingSupport.newKey(), ReadingSupport.SMALL);
        assertEquals(403, refused.status());
        Api.Response badKey = ReadingSupport.importText(api(), admin, "Bad Key", ReadingSupport.SMALL);
        assertEquals(400, badKey.status());
    }
}
