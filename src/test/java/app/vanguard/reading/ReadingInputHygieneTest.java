package app.vanguard.reading;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text that cannot be stored as it is (a NUL byte, a lone surrogate) is refused with 400 naming the field. */
@MicronautTest(transactional = false)
class ReadingInputHygieneTest extends ApiTestBase {

    @Test
    void nulBytesAndLoneSurrogatesInANoteAreRefusedNamingTheField() {
        String admin = fixtures.token(fixtures.systemAdmin());
        long documentId = ReadingSupport.importOk(api(), admin, ReadingSupport.SMALL);
        long articleId = ReadingSupport.articleIds(api(), admin, documentId).get(0);
        String member = fixtures.token(fixtures.member(fixtures.branch(fixtures.committee())));
        String path = "/reading/articles/" + articleId + "/notes";

        Api.Response nul = api().post(path, member, Map.of("body", "学习\u0000心得", "visibility", "PRIVATE"));
        assertEquals(400, nul.status(), nul::toString);
        assertEquals("VALIDATION_FAILED", nul.code());
        assertEquals("body", nul.json().get("errors").get(0).get("field").asText(), nul::toString);

        Api.Response surrogate = api().send("POST", path, member, "application/json",
                "{\"body\":\"学习\\ud800心得\",\"visibility\":\"PRIVATE\"}", Map.of());
        assertEquals(400, surrogate.status(), surrogate::toString);
        assertEquals("body", surrogate.json().get("errors").get(0).get("field").asText(), surrogate::toString);

        Api.Response emoji = api().post(path, member, Map.of("body", "学习心得 👍", "visibility", "PRIVATE"));
        assertEquals(2, emoji.status() / 100, emoji::toString);
    }
}
