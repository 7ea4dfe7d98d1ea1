package app.vanguard.coverage;

import app.vanguard.org.Organisation;
import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The survey import: CSV in UTF-8 or GBK, .xlsx; all rows or none with each problem's row and column; the template. */
@MicronautTest(transactional = false)
class EnterpriseImportTest extends ApiTestBase {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "名称,统一社会信用代码,类型,所在区域,行业,业主姓名,业主是否党员,从业人员数,正式党员数,预备党员数,"
            + "团员数,组织关系在外党员数,活动场所,党组织组建方式,所属党支部,党建指导员,指导员电话";

    private Api.Response upload(Organisation org, String token, String contentType, byte[] body) {
        return api().sendBytes("POST", "/orgs/" + org.id() + "/enterprises/import", token, contentType, body);
    }

    private long total(Organisation org, String token) {
        return api().get("/orgs/" + org.id() + "/enterprises", token).json().path("total").asLong();
    }

    @Test
    void aUtf8FileWithABomRegistersEveryRow() {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String code = Enterprises.creditCode();
        String csv = "\uFEFF" + HEADER + "\n"
                + "东门服装城," + code.toLowerCase() + ",专业市场,罗湖区,服装,陈总,是,120,4,1,10,2,市场三楼,联合组建," + branch.name() + ",,\n"
                + "\n"
                + "老李修车铺,,个体工商户,罗湖区,汽修,李师傅,否,3,1,0,,,,未建,,张指导员,13912345678\n";
        Api.Response r = upload(committee, admin, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r::toString);
        assertEquals(2, r.json().path("created").asInt());
        var first = r.json().path("enterprises").get(0);
        assertEquals(code, first.path("creditCode").asText());
        assertEquals("PROFESSIONAL_MARKET", first.path("kind").asText());
        assertEquals("JOINT", first.path("organisedAs").asText());
        assertEquals(branch.id(), first.path("branchId").asLong());
        assertTrue(first.path("ownerIsMember").asBoolean());
        assertEquals(2, first.path("membersRelationsElsewhere").asInt());
        assertTrue(first.has("ownBranchDueSince"), "4 full members, joint branch: due an own branch");
        var second = r.json().path("enterprises").get(1);
        assertEquals("SOLE_TRADER", second.path("kind").asText());
        assertEquals("张指导员", second.path("instructorName").asText());
        assertEquals(0, second.path("youthLeagueMembers").asInt());
        assertEquals(2, total(committee, admin));
    }

    @Test
    void aGbkFileAsExcelSavesItOnChineseWindowsIsRead() {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String csv = HEADER + "\r\n" + "华强电子商行," + Enterprises.creditCode()
                + ",小微企业,福田区,电子,赵总,否,15,1,1,3,0,,挂靠组建,,,\r\n";
        Api.Response r = upload(committee, admin, "text/csv", csv.getBytes(Charset.forName("GBK")));
        assertEquals(201, r.status(), r::toString);
        assertEquals("华强电子商行", r.json().path("enterprises").get(0).path("name").asText());
        assertEquals("福田区", r.json().path("enterprises").get(0).path("district").asText());
        assertEquals("AFFILIATED", r.json().path("enterprises").get(0).path("organisedAs").asText());
    }

    @Test
    void anExcelWorkbookIsRead() throws IOException {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        byte[] xlsx = workbook(List.of(HEADER.split(",")),
                List.of(List.of("南山科技园孵化器", Enterprises.creditCode(), "创业园区", "南山区", "科技", "", "否", 300, 12, 2,
                                40, 5, "园区党群中心", "行业组建", "", "", ""),
                        List.of("蛇口海鲜档", "", "个体工商户", "南山区", "餐饮", "吴老板", "是", 2, 1, 0, 0, 0, "", "未建", "",
                                "", "")));
        Api.Response r = upload(committee, admin, XLSX, xlsx);
        assertEquals(201, r.status(), r::toString);
        assertEquals(2, r.json().path("created").asInt());
        assertEquals(300, r.json().path("enterprises").get(0).path("employees").asInt());
        assertEquals("INDUSTRY", r.json().path("enterprises").get(0).path("organisedAs").asText());
    }

    @Test
    void oneBadRowRejectsTheFileWithEachProblemsRowAndColumnAndWritesNothing() {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        String taken = Enterprises.creditCode();
        Map<String, Object> existing = Enterprises.firm(1, "NONE");
        existing.put("creditCode", taken);
        assertEquals(201, api().post("/orgs/" + committee.id() + "/enterprises", admin, existing).status());
        String good = Enterprises.creditCode();
        String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        String csv = HEADER + "\n"
                + "好企业," + good + ",小微企业,福田区,,,否,10,1,0,,,,未建,,,\n"                 // 1: fine
                + "坏代码," + wrongCheck + ",小微企业,福田区,,,否,10,1,0,,,,未建,,,\n"         // 2: check character
                + "重复," + good + ",小微企业,福田区,,,否,10,1,0,,,,未建,,,\n"                   // 3: code twice in file
                + "已登记," + taken + ",小微企业,福田区,,,否,10,1,0,,,,未建,,,\n"                // 4: already registered
                + "坏类型," + Enterprises.creditCode() + ",工厂,福田区,,,否,10,1,0,,,,未建,,,\n" // 5: kind
                + "坏人数," + Enterprises.creditCode() + ",小微企业,福田区,,,否,十,-1,0,,,,未建,,,\n" // 6: two numbers
                + "无支部," + Enterprises.creditCode() + ",小微企业,福田区,,,否,10,1,0,,,,联合组建,不存在的支部,,\n" // 7
                + "无代码,,小微企业,,,,否,10,1,0,,,,未建,,,\n";                                   // 8: code, district
        long before = total(committee, admin);
        Api.Response r = upload(committee, admin, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r::toString);
        assertEquals("IMPORT_REJECTED", r.code());
        List<String> problems = new ArrayList<>();
        r.json().path("errors").forEach(e -> problems.add(e.path("row").asInt() + ":" + e.path("field").asText()));
        assertEquals(List.of("2:统一社会信用代码", "3:统一社会信用代码", "4:统一社会信用代码", "5:类型", "6:从业人员数",
                "6:正式党员数", "7:所属党支部", "8:所在区域", "8:统一社会信用代码"), problems.stream().sorted().toList(),
                r::toString);
        assertEquals(before, total(committee, admin));
    }

    @Test
    void missingColumnsEmptyFilesAndUnreadableWorkbooksAreRejected() {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response missing = upload(committee, admin, "text/csv", "名称,类型\n甲,小微企业\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, missing.status());
        assertTrue(missing.json().path("errors").findValuesAsText("field").contains("党组织组建方式"), missing::toString);
        assertEquals(422, upload(committee, admin, "text/csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(422, upload(committee, admin, XLSX, "not a workbook".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(415, upload(committee, admin, "application/pdf", new byte[]{1, 2}).status());
    }

    @Test
    void theTemplateHasTheImportsColumnsAndImportsOnceFilledIn() throws IOException {
        Organisation committee = fixtures.committee();
        String admin = fixtures.token(fixtures.orgAdmin(committee));
        Api.Response csv = api().get("/orgs/" + committee.id() + "/enterprises/import-template?format=csv", admin);
        assertEquals(200, csv.status());
        assertTrue(csv.body().contains(HEADER), csv::toString);
        assertEquals(400, api().get("/orgs/" + committee.id() + "/enterprises/import-template?format=pdf", admin).status());

        byte[] template = download("/orgs/" + committee.id() + "/enterprises/import-template", admin);
        try (XSSFWorkbook same = new XSSFWorkbook(new ByteArrayInputStream(download("/orgs/" + committee.id()
                + "/enterprises/import/template.xlsx", admin)))) {
            assertEquals("名称", same.getSheetAt(0).getRow(0).getCell(0).getStringCellValue(),
                    "the same template at the path every import template has");
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(List.of(HEADER.split(",")), header);
            // Filled in and sent back, it imports.
            Row row = sheet.createRow(1);
            Object[] values = {"模板企业", Enterprises.creditCode(), "小微企业", "宝安区", "", "", "否", "8", "3", "0", "",
                    "", "", "未建", "", "", ""};
            for (int i = 0; i < values.length; i++) {
                row.createCell(i).setCellValue(values[i].toString());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            Api.Response r = upload(committee, admin, XLSX, out.toByteArray());
            assertEquals(201, r.status(), r::toString);
        }
    }

    private byte[] download(String path, String token) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] workbook(List<String> header, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("调查摸底表");
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                head.createCell(i).setCellValue(header.get(i));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int i = 0; i < rows.get(r).size(); i++) {
                    Object v = rows.get(r).get(i);
                    if (v instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(v.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
