package app.vanguard.reading;

import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every 第…条 heading is an article whatever its number: numbering that jumps (repealed articles), a part numbered
 * from a later point, 百 and 千 numerals, an article on the chapter's own line; a sentence citing an article stays text.
 * Made-up documents of the shape of regulations, imported through the API.
 */
@MicronautTest(transactional = false)
class ReadingArticleNumberingTest extends ApiTestBase {

    @Test
    void numberingThatJumpsKeepsEveryArticle() {
        String doc = """
                # 测试条例（节选）

                ## 第一章　总则

                第一条　为了规范测试工作，制定本条例。

                第二条　本条例适用于测试支部。

                第五条　第三条、第四条已废止，本条接着第二条。

                ## 第二章　学习

                第十二条　党员应当每天学习。

                第十条规定的情形除外。

                第十三条　学习时间由支部确定。
                """;
        JsonNode d = document(doc);
        assertEquals(List.of("第一章 第一条", "第一章 第二条", "第一章 第五条", "第二章 第十二条", "第二章 第十三条"),
                labels(d));
        JsonNode twelve = article(d, "第二章 第十二条");
        assertTrue(twelve.get("body").asText().contains("第十条规定的情形除外。"), twelve::toString);
        JsonNode five = article(d, "第一章 第五条");
        assertTrue(five.get("body").asText().startsWith("第三条、第四条已废止"), five::toString);
        for (JsonNode a : d.path("articles")) {
            JsonNode full = api().get("/reading/articles/" + a.get("id").asLong(), admin()).json();
            assertFalse(full.get("body").asText().matches("(?s).*\\n第[一二三四五六七八九十]+条　.*"),
                    "no article marker glued inside " + full);
        }
    }

    @Test
    void hundredsAndThousandsAndAPartNumberedFromLater() {
        String doc = """
                测试法规汇编（第三部分）

                第八章　监督

                第九十九条　监督工作由支部委员会负责。

                第一百条　支部每季度检查一次。

                第一百零五条　检查结果应当公开。

                第九章　附则

                第一千零一条　本部分自公布之日起施行。
                """;
        JsonNode d = document(doc);
        assertEquals(List.of("第八章 第九十九条", "第八章 第一百条", "第八章 第一百零五条", "第九章 第一千零一条"), labels(d));
        List<String> sections = new ArrayList<>();
        d.path("sections").forEach(s -> sections.add(s.get("label").asText()));
        assertEquals(List.of("第八章", "第九章"), sections);
        assertEquals("本部分自公布之日起施行。", body(article(d, "第九章 第一千零一条")));
    }

    @Test
    void anArticleOnTheChaptersOwnLine() {
        String doc = """
                测试准则

                第一章　第一条　党员应当带头学习。

                第二条　支部应当督促落实。

                第三章　第七条　本准则由测试委员会解释。
                """;
        JsonNode d = document(doc);
        assertEquals(List.of("第一章 第一条", "第一章 第二条", "第三章 第七条"), labels(d));
        assertEquals("党员应当带头学习。", body(article(d, "第一章 第一条")));
        assertEquals("本准则由测试委员会解释。", body(article(d, "第三章 第七条")));
    }

    private String admin() {
        return fixtures.token(fixtures.systemAdmin());
    }

    private JsonNode document(String text) {
        long id = ReadingSupport.importOk(api(), admin(), text);
        return api().get("/reading/documents/" + id, admin()).json();
    }

    private static List<String> labels(JsonNode document) {
        List<String> labels = new ArrayList<>();
        document.path("articles").forEach(a -> labels.add(a.get("label").asText()));
        return labels;
    }

    private JsonNode article(JsonNode document, String label) {
        for (JsonNode a : document.path("articles")) {
            if (a.get("label").asText().equals(label)) {
                return api().get("/reading/articles/" + a.get("id").asLong(), admin()).json();
            }
        }
        throw new AssertionError("no article " + label + " in " + document);
    }

    private static String body(JsonNode article) {
        return article.get("body").asText();
    }
}
