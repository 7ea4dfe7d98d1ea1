package app.vanguard.coverage;

import app.vanguard.shared.ApiException;
import app.vanguard.shared.Problem;
import io.micronaut.http.HttpStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The survey spreadsheet (附件1 非公有制经济组织调查摸底表) as a file: CSV (UTF-8, with or without a BOM, or GBK as
 * Excel and WPS save it on Chinese Windows) or an Excel .xlsx workbook (first sheet). The header names the columns in
 * Chinese; rows are keyed by them.
 */
final class SurveyFile {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 2000;
    private static final Charset GB18030 = Charset.forName("GB18030"); // a superset of GBK and GB2312

    /** Column header → the request field it fills. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("名称", "name");
        COLUMNS.put("统一社会信用代码", "creditCode");
        COLUMNS.put("类型", "kind");
        COLUMNS.put("所在区域", "district");
        COLUMNS.put("行业", "industry");
        COLUMNS.put("业主姓名", "ownerName");
        COLUMNS.put("业主是否党员", "ownerIsMember");
        COLUMNS.put("从业人员数", "employees");
        COLUMNS.put("正式党员数", "fullMembers");
        COLUMNS.put("预备党员数", "probationaryMembers");
        COLUMNS.put("团员数", "youthLeagueMembers");
        COLUMNS.put("组织关系在外党员数", "membersRelationsElsewhere");
        COLUMNS.put("活动场所", "venue");
        COLUMNS.put("党组织组建方式", "organisedAs");
        COLUMNS.put("所属党支部", "branch");
        COLUMNS.put("党建指导员", "instructorName");
        COLUMNS.put("指导员电话", "instructorPhone");
    }

    static final List<String> REQUIRED = List.of("名称", "类型", "所在区域", "从业人员数", "正式党员数", "预备党员数",
            "党组织组建方式");

    /** A data row: its 1-based number (header and blank lines not counted) and its cells by column header. */
    record FileRow(int row, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.trim();
        }
    }

    private SurveyFile() {
    }

    static String columnOf(String field) {
        for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
            if (e.getValue().equals(field)) {
                return e.getKey();
            }
        }
        return field;
    }

    static List<FileRow> read(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<List<String>> lines = type.startsWith(XLSX) ? readXlsx(body) : readCsv(decode(body, type));
        if (lines.isEmpty()) {
            throw rejected("The file is empty");
        }
        List<String> header = lines.get(0).stream().map(h -> h == null ? "" : h.trim()).toList();
        List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The header must name at least the columns " + String.join(",", REQUIRED),
                    missing.stream().map(c -> new Problem.FieldError(c, null, "column missing")).toList());
        }
        List<FileRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            if (line.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (int c = 0; c < header.size() && c < line.size(); c++) {
                cells.put(header.get(c), line.get(c));
            }
            rows.add(new FileRow(rows.size() + 1, cells));
            if (rows.size() > MAX_ROWS) {
                throw rejected("At most " + MAX_ROWS + " rows per file");
            }
        }
        if (rows.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported",
                    List.of(new Problem.FieldError(null, null, "the file has a header but no rows")));
        }
        return rows;
    }

    /** UTF-8 when the bytes are valid UTF-8 (or the charset says so), else GBK (read as GB18030). */
    static String decode(byte[] body, String contentType) {
        if (contentType.contains("charset=gbk") || contentType.contains("charset=gb2312")
                || contentType.contains("charset=gb18030")) {
            return new String(body, GB18030);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return new String(body, GB18030);
        }
    }

    private static List<List<String>> readCsv(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord record : parser) {
                out.add(record.toList());
                if (out.size() > MAX_ROWS + 1000) {
                    throw rejected("At most " + MAX_ROWS + " rows per file");
                }
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw rejected("The file is not valid CSV: " + e.getMessage());
        }
    }

    private static List<List<String>> readXlsx(byte[] body) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = sheet.getLastRowNum();
            if (last > MAX_ROWS + 1000) {
                throw rejected("At most " + MAX_ROWS + " rows per file");
            }
            List<List<String>> out = new ArrayList<>();
            for (int r = sheet.getFirstRowNum(); r <= last; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                out.add(cells);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw rejected("The file is not a readable .xlsx workbook");
        }
    }

    /** The import template: the header row, and a second sheet listing the allowed values. */
    static byte[] templateXlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("调查摸底表");
            Row head = sheet.createRow(0);
            int c = 0;
            for (String column : COLUMNS.keySet()) {
                head.createCell(c++).setCellValue(column);
            }
            Sheet help = workbook.createSheet("填写说明");
            int r = 0;
            for (String[] line : help()) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(line[0]);
                row.createCell(1).setCellValue(line[1]);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] templateCsv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", COLUMNS.keySet()) + "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String[]> help() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"列", "填写"});
        lines.add(new String[]{"名称", "必填，200字以内"});
        lines.add(new String[]{"统一社会信用代码", "18位，校验位按GB 32100-2015；个体工商户可不填"});
        StringBuilder kinds = new StringBuilder();
        for (EnterpriseKind k : EnterpriseKind.values()) {
            kinds.append(kinds.isEmpty() ? "" : "、").append(k.label);
        }
        lines.add(new String[]{"类型", "必填：" + kinds});
        lines.add(new String[]{"所在区域", "必填"});
        lines.add(new String[]{"业主是否党员", "是 / 否"});
        lines.add(new String[]{"从业人员数、正式党员数、预备党员数", "必填，非负整数"});
        lines.add(new String[]{"团员数、组织关系在外党员数", "非负整数，可不填（0）"});
        StringBuilder ways = new StringBuilder();
        for (OrganisedAs o : OrganisedAs.values()) {
            ways.append(ways.isEmpty() ? "" : "、").append(o.label);
        }
        lines.add(new String[]{"党组织组建方式", "必填：" + ways});
        lines.add(new String[]{"所属党支部", "本组织下党支部的名称，可不填；未建的不填"});
        lines.add(new String[]{"党建指导员、指导员电话", "未建党组织的选派指导员；电话为11位手机号"});
        return lines;
    }

    static ApiException rejected(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED", detail);
    }
}
