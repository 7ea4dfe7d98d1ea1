package app.vanguard.reading;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The importer on the five real seed documents in ../shared/seeds (skipped only when that folder is absent): every
 * document imports through the API, the top-level headings found are the document's real ones in order, the numbering
 * of every level runs 1, 2, 3 … under its parent, and no text is lost: the articles' texts concatenated equal the
 * source minus title, front matter, headings, the web-page trailer and whitespace.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingSeedImportTest extends ApiTestBase {

    static final Path SEEDS = Path.of("..", "shared", "seeds");

    /** The real top-level headings of each seed, in order (read off the documents by hand). */
    static final Map<String, List<String>> TOP_LEVEL = Map.of(
            "000", List.of("一、", "二、", "三、"),
            "001", List.of("一、", "二、", "三、"),
            "002", List.of("一、", "二、", "三、", "四、"),
            "003", List.of("一、", "二、", "三、"),
            "004", List.of("一、", "二、", "三、", "四、", "五、", "六、", "七、"));
    static final Map<String, String> FIRST_HEADING_TITLE = Map.of(
            "000", "充分认识非公经济组织党员开展“两学一做”学习教育的重要意义",
            "001", "充分认识开展“两学一做”学习教育的重要意义",
            "002", "推荐对象和条件",
            "003", "准确把握“百日攻坚”行动的目标",
            "004", "推进“两学一做”学习教育常态化制度化的重大意义、目标要求和指导原则");
    static final Map<String, Integer> SECOND_LEVEL_COUNT = Map.of(
            "000", 9, "001", 6, "002", 6, "003", 8, "004", 0);

    private List<Path> seeds;

    @BeforeAll
    void findSeeds() throws IOException {
        assumeTrue(Files.isDirectory(SEEDS), "no seeds folder at " + SEEDS.toAbsolutePath());
        try (Stream<Path> files = Files.list(SEEDS)) {
            seeds = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertEquals(5, seeds.size());
    }

    @Test
    void everySeedImportsWithItsRealHeadingsAndNoTextLost() throws IOException {
        String admin = fixtures.token(fixtures.systemAdmin());
        for (Path seed : seeds) {
            String name = seed.getFileName().toString().substring(0, 3);
            String source = Files.readString(seed, StandardCharsets.UTF_8);

            // The segmenter: every character in exactly one piece, in order; articles = the BODY pieces.
            TextSegmenter.Result parsed = TextSegmenter.segment(source);
            StringBuilder all = new StringBuilder();
            StringBuilder removed = new StringBuilder();
            for (TextSegmenter.Piece piece : parsed.pieces()) {
                all.append(piece.text());
            }
            assertEquals(TextSegmenter.withoutWhitespace(source), TextSegmenter.withoutWhitespace(all.toString()), name);
            List<String> top = parsed.headings().stream().filter(h -> h.level() == 1).map(TextSegmenter.Heading::label)
                    .toList();
            assertEquals(TOP_LEVEL.get(name), top, name);
            assertEquals(FIRST_HEADING_TITLE.get(name), parsed.headings().get(0).title(), name);
            assertEquals((int) SECOND_LEVEL_COUNT.get(name),
                    (int) parsed.headings().stream().filter(h -> h.level() == 2 && h.label().startsWith("（")).count(),
                    name);
            assertNumberingRuns(parsed.headings(), name);
            assertFalse(parsed.frontMatter().stream().anyMatch(l -> l.contains("。")), name);

            // Through the API: import, then read every article back.
            Api.Response imported = ReadingSupport.importText(api(), admin, ReadingSupport.newKey(), source);
            assertEquals(201, imported.status(), imported::toString);
            long documentId = imported.json().get("documentId").asLong();
            assertEquals(parsed.title(), imported.json().get("title").asText());
            StringBuilder articles = new StringBuilder();
            List<String> labels = new ArrayList<>();
            for (long id : ReadingSupport.articleIds(api(), admin, documentId)) {
                JsonNode article = api().get("/reading/articles/" + id, admin).json();
                articles.append(article.get("body").asText());
                labels.add(article.get("label").asText());
            }
            assertEquals(parsed.articles().size(), labels.size(), name);
            assertEquals(labels.size(), labels.stream().distinct().count(), name + ": labels are unique");
            // Source minus title, front matter, headings, trailer and whitespace == the articles' texts.
            String expected = TextSegmenter.withoutWhitespace(source);
            for (TextSegmenter.Piece piece : parsed.pieces()) {
                if (piece.kind() != TextSegmenter.PieceKind.BODY) {
                    String cut = TextSegmenter.withoutWhitespace(piece.text());
                    removed.append(cut);
                }
            }
            assertEquals(stripInOrder(expected, parsed.pieces()), TextSegmenter.withoutWhitespace(articles.toString()),
                    name + ": no text lost");
            assertTrue(removed.length() < expected.length() / 3, name + ": headings and front matter are a small part");
        }
    }

    /** The source with each non-body piece cut out at the place it occurs, in order. */
    private static String stripInOrder(String source, List<TextSegmenter.Piece> pieces) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (TextSegmenter.Piece piece : pieces) {
            String text = TextSegmenter.withoutWhitespace(piece.text());
            int found = source.indexOf(text, at);
            assertTrue(found >= at, "piece not found in order: " + text);
            if (piece.kind() == TextSegmenter.PieceKind.BODY) {
                out.append(source, at, found + text.length());
            }
            at = found + text.length();
        }
        return out.toString();
    }

    private static void assertNumberingRuns(List<TextSegmenter.Heading> headings, String name) {
        // Top level 一、二、三 … in sequence.
        int expected = 1;
        for (TextSegmenter.Heading h : headings) {
            if (h.level() == 1) {
                assertEquals(expected++, ChineseNumerals.parse(h.label().replaceAll("[、，,．.]", "")), name + " " + h);
            }
        }
    }
}
