package app.vanguard.org;

import app.vanguard.support.Api;
import app.vanguard.support.ApiTestBase;
import app.vanguard.support.Fixtures;
import app.vanguard.support.TestDates;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roster import as secretaries make the file: GBK CSV from Excel/WPS on Chinese Windows, UTF-8 with a BOM, .xlsx
 * with date cells, Chinese headers, optional columns left out, phones written with +86, spaces or full-width digits;
 * and the template to start from.
 */
@MicronautTest(transactional = false)
class RosterImportFormatsTest extends ApiTestBase {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    MemberRepository members;

    private Api.Response upload(Organisation branch, String token, String contentType, byte[] body) {
        return api().sendBytes("POST", "/branches/" + branch.id() + "/members/import", token, contentType, body);
    }

    private static String fullWidth(String digits) {
        StringBuilder sb = new StringBuilder();
        digits.chars().forEach(c -> sb.append((char) (c - '0' + '０')));
        return sb.toString();
    }

    @Test
    void aGbkCsvWithChineseHeadersAndOnlyTheRequiredColumnsImports() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String token = fixtures.token(fixtures.secretary(branch));
        String p1 = Fixtures.newPhone();
        String p2 = Fixtures.newPhone();
        String p3 = Fixtures.newPhone();
        String csv = "姓名,手机号,党员类别\r\n"
                + "王五,+86 " + p1.substring(0, 3) + " " + p1.substring(3, 7) + " " + p1.substring(7) + ",正式党员\r\n"
                + "赵六," + fullWidth(p2) + ",预备党员\r\n"
                + "钱七," + p3.substring(0, 3) + "-" + p3.substring(3, 7) + "-" + p3.substring(7) + ",正式\r\n";
        Api.Response r = upload(branch, token, "text/csv", csv.getBytes(Charset.forName("GBK")));
        assertEquals(201, r.status(), r::toString);
        assertEquals(3, r.json().get("created").asInt());
        Member wang = members.findByPhone(p1).orElseThrow();
        assertEquals("王五", wang.name(), "GBK decoded");
        assertEquals(MemberStatus.PROBATIONARY, members.findByPhone(p2).orElseThrow().status());
        assertTrue(members.findByPhone(p3).isPresent());
    }

    @Test
    void gb18030AndUtf8WithABomAreReadToo() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String token = fixtures.token(fixtures.secretary(branch));
        String p1 = Fixtures.newPhone();
        String gb = "姓名,手机号,党员类别,工作单位\n㐀先生," + p1 + ",FULL,𠀀记商行\n"; // characters beyond GBK
        Api.Response r = upload(branch, token, "text/csv", gb.getBytes(Charset.forName("GB18030")));
        assertEquals(201, r.status(), r::toString);
        assertEquals("㐀先生", members.findByPhone(p1).orElseThrow().name());

        String p2 = Fixtures.newPhone();
        String bom = "\uFEFF姓名,手机号,党员类别,职务\n孙八," + p2 + ",正式党员,店长\n";
        Api.Response u = upload(branch, token, "text/csv", bom.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, u.status(), u::toString);
        assertEquals("孙八", members.findByPhone(p2).orElseThrow().name(), "the BOM is not part of the first header");
    }

    @Test
    void anXlsxRosterImportsWithDateCellsAndNumericPhones() throws IOException {
        Organisation branch = fixtures.branch(fixtures.committee());
        Organisation group = fixtures.group(branch);
        String token = fixtures.token(fixtures.secretary(branch));
        String phone = Fixtures.newPhone();
        LocalDate joined = TestDates.today().minusYears(9);
        byte[] body;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("花名册");
            Row head = sheet.createRow(0);
            String[] header = {"姓名", "手机号", "党员类别", "入党日期", "党小组"};
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("周九");
            row.createCell(1).setCellValue(Double.parseDouble(phone)); // Excel keeps a typed phone as a number
            row.createCell(2).setCellValue("预备党员");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            row.createCell(3).setCellValue(joined);
            row.getCell(3).setCellStyle(date);
            row.createCell(4).setCellValue(group.name());
            workbook.write(out);
            body = out.toByteArray();
        }
        Api.Response r = upload(branch, token, XLSX, body);
        assertEquals(201, r.status(), r::toString);
        Member m = members.findByPhone(phone).orElseThrow();
        assertEquals(joined, m.joinedOn());
        assertEquals(group.id(), m.groupId());
    }

    @Test
    void aNulByteInACellRejectsTheFileNamingRowAndColumn() {
        Organisation branch = fixtures.branch(fixtures.committee());
        String token = fixtures.token(fixtures.secretary(branch));
        String good = Fixtures.newPhone();
        String csv = "name,phone,status\n好人," + good + ",FULL\n坏\u0000人," + Fixtures.newPhone() + ",FULL\n";
        Api.Response r = upload(branch, token, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r::toString);
        assertEquals("IMPORT_REJECTED", r.code());
        assertEquals("name", r.json().get("errors").get(0).get("field").asText());
        assertEquals(2, r.json().get("errors").get(0).get("row").asInt());
        assertTrue(members.findByPhone(good).isEmpty(), "nothing was imported");
    }

    @Test
    void theTemplateHasAChineseHeaderAndAnExampleRowForWhoeverManagesTheBranch() throws IOException {
        Organisation committee = fixtures.committee();
        Organisation branch = fixtures.branch(committee);
        String path = "/branches/" + branch.id() + "/members/import/template.xlsx";
        String secretary = fixtures.token(fixtures.secretary(branch));
        byte[] template = download(path, secretary);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("姓名", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("手机号", sheet.getRow(0).getCell(1).getStringCellValue());
            assertEquals("正式党员", sheet.getRow(1).getCell(2).getStringCellValue());
        }
        // The template, filled in as it comes (its example row with a fresh phone), imports.
        String phone = Fixtures.newPhone();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.getSheetAt(0).getRow(1).getCell(1).setCellValue(phone);
            workbook.write(out);
            Api.Response r = upload(branch, secretary, XLSX, out.toByteArray());
            assertEquals(201, r.status(), r::toString);
        }

        assertEquals(200, api().get(path, fixtures.token(fixtures.orgAdmin(committee))).status());
        assertEquals(200, api().get(path, fixtures.token(fixtures.systemAdmin())).status());
        for (String token : List.of(fixtures.token(fixtures.member(branch)),
                fixtures.token(fixtures.secretary(fixtures.branch(committee))),
                fixtures.token(fixtures.orgAdmin(fixtures.committee())))) {
            Api.Response r = api().get(path, token);
            assertEquals(403, r.status(), r::toString);
            assertEquals("FORBIDDEN", r.code());
        }
        assertEquals(401, api().get(path, null).status());
    }

    private byte[] download(String path, String token) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertEquals(XLSX, r.headers().firstValue("Content-Type").orElseThrow());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
