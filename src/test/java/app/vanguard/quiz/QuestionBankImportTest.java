package app.vanguard.quiz;

import app.vanguard.org.Member;
import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Question banks: CSV and .xlsx import, all rows or none, and who owns which bank. */
@MicronautTest(transactional = false)
class QuestionBankImportTest extends ApiTestBase {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "type,stem,A,B,C,D,answer,explanation,difficulty,tags,sourceArticleId\n";

    private Organisation committee;
    private String admin;

    @BeforeEach
    void setUp() {
        committee = fixtures.committee();
        admin = fixtures.token(fixtures.orgAdmin(committee));
    }

    private Api.Response importCsv(long orgId, String token, String csv) {
        return api().send("POST", "/orgs/" + orgId + "/questions/import", token, "text/csv", csv, Map.of());
    }

    private JsonNode bank(long orgId, String token) {
        Api.Response r = api().get("/orgs/" + orgId + "/questions?size=200", token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    @Test
    void csvImportAddsEveryRowWithItsAnswerInLetters() {
        String csv = "\uFEFF" + HEADER
                + "单选,党的最高领导机关是,党的全国代表大会和它所产生的中央委员会,中央政治局,中央书记处,中央军事委员会,A,党章第十条,易,党章;组织原则,\n"
                + "多选,党员的权利包括,参加党的有关会议,在党的会议上参加讨论,表决权,经商,abc,,中,党章,7\n"
                + "判断,预备党员的预备期为一年。,,,,,正确,党章第七条,EASY,,\n"
                + "\n"
                + "填空,党的基层组织包括基层委员会、总支部委员会和____。,,,,,支部委员会|党支部,,HARD,,\n";
        Api.Response r = importCsv(committee.id(), admin, csv);
        assertEquals(201, r.status(), r::toString);
        assertEquals(4, r.json().get("created").asInt());

        JsonNode items = bank(committee.id(), admin).get("items");
        assertEquals(4, items.size());
        assertEquals("SINGLE_CHOICE", items.get(0).get("type").asText());
        assertEquals("A", items.get(0).get("answer").asText());
        assertEquals(List.of("党章", "组织原则"), List.of(items.get(0).get("tags").get(0).asText(),
                items.get(0).get("tags").get(1).asText()));
        assertEquals("ABC", items.get(1).get("answer").asText());
        assertEquals(7, items.get(1).get("sourceArticleId").asLong());
        assertEquals("TRUE_FALSE", items.get(2).get("type").asText());
        assertEquals("A", items.get(2).get("answer").asText());
        assertEquals("正确", items.get(2).get("options").get(0).asText());
        assertEquals("FILL_IN", items.get(3).get("type").asText());
        assertEquals("支部委员会|党支部", items.get(3).get("answer").asText());
        assertEquals(0, items.get(3).path("options").size());
    }

    @Test
    void oneBadCsvRowRejectsTheFileWithRowNumbersAndWritesNothing() {
        String csv = HEADER
                + "单选,好题,甲,乙,,,A,,易,,\n"
                + "单选,答案越界,甲,乙,,,E,,易,,\n"
                + "问答,类型不对,,,,,x,,易,,\n"
                + "多选,没有难度,甲,乙,丙,,AB,,,,\n"
                + "单选,单选两个答案,甲,乙,丙,,AB,,难,,x\n";
        Api.Response r = importCsv(committee.id(), admin, csv);
        assertEquals(422, r.status(), r::toString);
        assertEquals("IMPORT_REJECTED", r.code());
        JsonNode errors = r.json().get("errors");
        assertEquals(5, errors.size(), r::toString);
        assertEquals(2, errors.get(0).get("row").asInt());
        assertEquals("answer", errors.get(0).get("field").asText());
        assertEquals(3, errors.get(1).get("row").asInt());
        assertEquals("type", errors.get(1).get("field").asText());
        assertEquals(4, errors.get(2).get("row").asInt());
        assertEquals("difficulty", errors.get(2).get("field").asText());
        assertEquals(5, errors.get(3).get("row").asInt());
        assertEquals(0, bank(committee.id(), admin).get("total").asInt());
    }

    @Test
    void missingColumnsAreNamed() {
        Api.Response r = importCsv(committee.id(), admin, "stem,A,B\n题,甲,乙\n");
        assertEquals(422, r.status(), r::toString);
        assertEquals("IMPORT_REJECTED", r.code());
        assertEquals(3, r.json().get("errors").size());
    }

    static byte[] xlsx(List<List<String>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("题库");
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i);
                for (int c = 0; c < rows.get(i).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(i).get(c));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void xlsxImportWorksAndABadRowRejectsIt() {
        List<String> header = List.of("type", "stem", "A", "B", "C", "answer", "difficulty", "tags");
        byte[] good = xlsx(List.of(header,
                List.of("单选", "入党誓词由谁宣读", "本人", "介绍人", "书记", "A", "易", "党章"),
                List.of("判断", "党员可以信仰宗教。", "", "", "", "错", "中", "纪律")));
        Api.Response ok = api().sendBytes("POST", "/orgs/" + committee.id() + "/questions/import", admin, XLSX, good);
        assertEquals(201, ok.status(), ok::toString);
        assertEquals(2, ok.json().get("created").asInt());
        JsonNode items = bank(committee.id(), admin).get("items");
        assertEquals("B", items.get(1).get("answer").asText());

        byte[] bad = xlsx(List.of(header,
                List.of("单选", "好题", "甲", "乙", "", "B", "易", ""),
                List.of("单选", "", "甲", "乙", "", "B", "易", "")));
        Api.Response rejected = api().sendBytes("POST", "/orgs/" + committee.id() + "/questions/import", admin, XLSX, bad);
        assertEquals(422, rejected.status(), rejected::toString);
        assertEquals(2, rejected.json().get("errors").get(0).get("row").asInt());
        assertEquals("stem", rejected.json().get("errors").get(0).get("field").asText());
        assertEquals(2, bank(committee.id(), admin).get("total").asInt());

        Api.Response garbage = api().sendBytes("POST", "/orgs/" + committee.id() + "/questions/import", admin, XLSX,
                new byte[]{1, 2, 3});
        assertEquals(422, garbage.status(), garbage::toString);
    }

    @Test
    void createOneQuestionValidatesIt() {
        Api.Response ok = api().post("/orgs/" + committee.id() + "/questions", admin, Map.of("type", "MULTIPLE_CHOICE",
                "stem", "三会一课包括", "options", List.of("支部党员大会", "支部委员会", "党小组会", "茶话会"),
                "answer", "ABC", "difficulty", "MEDIUM", "explanation", "党课也是", "tags", List.of("三会一课")));
        assertEquals(201, ok.status(), ok::toString);
        assertEquals("ABC", ok.json().get("answer").asText());

        Api.Response bad = api().post("/orgs/" + committee.id() + "/questions", admin, Map.of("type", "SINGLE_CHOICE",
                "stem", "只有一个选项", "options", List.of("甲"), "answer", "A", "difficulty", "EASY"));
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("options", bad.json().get("errors").get(0).get("field").asText());

        Api.Response same = api().post("/orgs/" + committee.id() + "/questions", admin, Map.of("type", "SINGLE_CHOICE",
                "stem", "两个相同的选项", "options", List.of("党支部", "党委", "党 支部"), "answer", "A", "difficulty", "EASY"));
        assertEquals(400, same.status(), same::toString);
        assertEquals("options", same.json().get("errors").get(0).get("field").asText());
    }

    @Test
    void aBranchSecretaryOwnsTheBranchBankOnly() {
        Organisation branch = fixtures.branch(committee);
        String secretary = fixtures.token(fixtures.secretary(branch));
        String q = HEADER + "判断,题,,,,,对,,易,,\n";
        assertEquals(201, importCsv(branch.id(), secretary, q).status());
        assertEquals(1, bank(branch.id(), secretary).get("total").asInt());
        // The committee's bank belongs to its admins, not to a branch secretary.
        assertEquals(403, importCsv(committee.id(), secretary, q).status());
        assertEquals(403, api().get("/orgs/" + committee.id() + "/questions", secretary).status());
        // The admin above the branch manages the branch bank too.
        assertEquals(1, bank(branch.id(), admin).get("total").asInt());
    }

    @Test
    void everyoneElseIsRefused() {
        Organisation branch = fixtures.branch(committee);
        Member plain = fixtures.member(branch);
        List<String> refused = List.of(fixtures.token(plain),
                fixtures.token(fixtures.secretary(fixtures.branch(committee))),
                fixtures.token(fixtures.orgAdmin(fixtures.committee())));
        String q = HEADER + "判断,题,,,,,对,,易,,\n";
        for (String token : refused) {
            for (long orgId : List.of(branch.id(), committee.id())) {
                Api.Response imp = importCsv(orgId, token, q);
                assertEquals(403, imp.status(), imp::toString);
                assertEquals("FORBIDDEN", imp.code());
                assertEquals(403, api().get("/orgs/" + orgId + "/questions", token).status());
                assertEquals(403, api().get("/orgs/" + orgId + "/questions/import/template.xlsx", token).status());
                assertEquals(403, api().post("/orgs/" + orgId + "/questions", token, Map.of("type", "TRUE_FALSE",
                        "stem", "题", "answer", "TRUE", "difficulty", "EASY")).status());
            }
        }
        assertEquals(404, api().get("/orgs/999999999/questions", admin).status());
    }

    @Test
    void aGbkCsvWithChineseHeadersAndWithoutOptionalColumnsImports() {
        String csv = "题型,题干,选项A,选项B,答案,难度\r\n单选,党的根本宗旨是,全心全意为人民服务,发展经济,A,易\r\n"
                + "判断,党员必须履行党员义务。,,,正确,中\r\n";
        Api.Response r = api().sendBytes("POST", "/orgs/" + committee.id() + "/questions/import", admin, "text/csv",
                csv.getBytes(java.nio.charset.Charset.forName("GBK")));
        assertEquals(201, r.status(), r::toString);
        assertEquals(2, r.json().get("created").asInt());
        JsonNode items = bank(committee.id(), admin).get("items");
        assertEquals("党的根本宗旨是", items.get(0).get("stem").asText());
        assertEquals("全心全意为人民服务", items.get(0).get("options").get(0).asText());
    }

    @Test
    void aNulByteInACellRejectsTheFile() {
        Api.Response r = importCsv(committee.id(), admin, HEADER + "判断,题\u0000干,,,,,对,,易,,\n");
        assertEquals(422, r.status(), r::toString);
        assertEquals("stem", r.json().get("errors").get(0).get("field").asText());
        assertEquals(1, r.json().get("errors").get(0).get("row").asInt());
        assertEquals(0, bank(committee.id(), admin).get("total").asInt());
    }

    @Test
    void theTemplateHasAChineseHeaderAndAnExampleThatImports() throws IOException {
        String path = "/orgs/" + committee.id() + "/questions/import/template.xlsx";
        assertEquals(200, api().get(path, admin).status());
        byte[] template;
        try {
            template = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    server.getURI().resolve(path)).header("Authorization", "Bearer " + admin).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
            Row head = wb.getSheetAt(0).getRow(0);
            assertEquals("题型", head.getCell(0).getStringCellValue());
            assertEquals("题干", head.getCell(1).getStringCellValue());
        }
        Api.Response r = api().sendBytes("POST", "/orgs/" + committee.id() + "/questions/import", admin, XLSX,
                template);
        assertEquals(201, r.status(), "the template's example row imports as it is: " + r);
        assertEquals(401, api().get(path, null).status());
    }
}
