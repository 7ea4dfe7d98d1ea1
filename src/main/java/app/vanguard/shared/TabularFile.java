package app.vanguard.shared;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
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
 * The one reader of the spreadsheets secretaries upload (roster, question bank, coverage survey): CSV (commons-csv)
 * in UTF-8 with or without a BOM, or GBK / GB18030 as Excel and WPS save it on Chinese Windows (detected: bytes that
 * are strictly valid UTF-8 are UTF-8, anything else is read as GB18030, a superset of GBK and GB2312; a
 * {@code charset=} in the content type wins), or an Excel .xlsx workbook (Apache POI, first sheet). The first
 * non-blank row is the header; each column may be named by any of its headers (Chinese or English), columns the
 * importer does not know are ignored, optional columns may be left out. Rows come back keyed by column key,
 * numbered 1-based over the data rows (blank rows skipped). A cell holding a NUL character rejects the file
 * (422 IMPORT_REJECTED naming the column and row).
 */
public final class TabularFile {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** A column: the key rows are read by, whether the header must name it, and the headers that name it. */
    public record Column(String key, boolean required, List<String> headers) {
        public static Column required(String key, String... headers) {
            return new Column(key, true, headers(key, headers));
        }

        public static Column optional(String key, String... headers) {
            return new Column(key, false, headers(key, headers));
        }

        private static List<String> headers(String key, String... more) {
            List<String> all = new ArrayList<>(List.of(more));
            if (!all.contains(key)) {
                all.add(key);
            }
            return List.copyOf(all);
        }

        /** The header a person reads (the first one given). */
        public String label() {
            return headers.get(0);
        }
    }

    /** A data row: its 1-based number (header and blank rows not counted) and its cells by column key. */
    public record FileRow(int row, Map<String, String> cells) {
        /** The trimmed cell, "" when empty or when the file has no such column. */
        public String get(String key) {
            String v = cells.get(key);
            return v == null ? "" : v.strip();
        }

        public boolean has(String key) {
            return cells.containsKey(key);
        }
    }

    private TabularFile() {
    }

    /** Reads the file; refuses (422 IMPORT_REJECTED) an unreadable file, a header without a required column, no rows. */
    public static List<FileRow> read(byte[] body, @Nullable String contentType, List<Column> columns, int maxRows) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<List<String>> lines = type.startsWith(XLSX) || isZip(body) ? readXlsx(body, maxRows)
                : readCsv(decode(body, type), maxRows);
        int headerAt = 0;
        while (headerAt < lines.size() && blank(lines.get(headerAt))) {
            headerAt++;
        }
        if (headerAt == lines.size()) {
            throw rejected("The file is empty");
        }
        List<String> header = lines.get(headerAt).stream().map(h -> h == null ? "" : h.strip()).toList();
        Map<Integer, Column> byIndex = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            for (Column column : columns) {
                if (!byIndex.containsValue(column) && matches(column, header.get(c))) {
                    byIndex.put(c, column);
                    break;
                }
            }
        }
        List<Problem.FieldError> missing = columns.stream().filter(Column::required)
                .filter(col -> !byIndex.containsValue(col))
                .map(col -> new Problem.FieldError(col.key(), null, "column missing (header " + col.label() + ")"))
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The header must name at least the columns " + String.join(",",
                            columns.stream().filter(Column::required).map(Column::label).toList()), missing);
        }
        List<FileRow> rows = new ArrayList<>();
        List<Problem.FieldError> bad = new ArrayList<>();
        for (int i = headerAt + 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            if (blank(line)) {
                continue;
            }
            int number = rows.size() + 1;
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<Integer, Column> e : byIndex.entrySet()) {
                String cell = e.getKey() < line.size() && line.get(e.getKey()) != null ? line.get(e.getKey()) : "";
                if (cell.indexOf('\u0000') >= 0) {
                    bad.add(new Problem.FieldError(e.getValue().key(), number, "contains a NUL character"));
                }
                cells.put(e.getValue().key(), cell);
            }
            rows.add(new FileRow(number, cells));
            if (rows.size() > maxRows) {
                throw rejected("At most " + maxRows + " rows per file");
            }
        }
        if (!bad.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported", bad);
        }
        if (rows.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported",
                    List.of(new Problem.FieldError(null, null, "the file has a header but no rows")));
        }
        return rows;
    }

    /** The file's text: a declared GBK/GB2312/GB18030 charset, else strict UTF-8 (BOM dropped), else GB18030. */
    public static String decode(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        if (type.contains("charset=gbk") || type.contains("charset=gb2312") || type.contains("charset=gb18030")) {
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

    /** A one-sheet template: the header row (each column's first header), one example row, and a help sheet. */
    public static byte[] templateXlsx(String sheetName, List<Column> columns, List<String> example,
                                      List<String[]> help) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Row head = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                head.createCell(c).setCellValue(columns.get(c).label());
                sheet.setColumnWidth(c, 16 * 256);
            }
            if (!example.isEmpty()) {
                Row row = sheet.createRow(1);
                for (int c = 0; c < example.size(); c++) {
                    row.createCell(c).setCellValue(example.get(c));
                }
            }
            if (!help.isEmpty()) {
                Sheet notes = workbook.createSheet("填写说明");
                int r = 0;
                for (String[] line : help) {
                    Row row = notes.createRow(r++);
                    for (int c = 0; c < line.length; c++) {
                        row.createCell(c).setCellValue(line[c]);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header row as UTF-8 CSV with a BOM (so Excel opens it as UTF-8). */
    public static byte[] templateCsv(List<Column> columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", columns.stream().map(Column::label).toList()) + "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ApiException rejected(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED", detail);
    }

    private static boolean matches(Column column, String header) {
        for (String h : column.headers()) {
            if (h.equalsIgnoreCase(header)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(List<String> line) {
        return line.stream().allMatch(c -> c == null || c.isBlank());
    }

    /** An .xlsx is a zip: "PK\3\4". */
    private static boolean isZip(byte[] body) {
        return body.length > 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
    }

    private static List<List<String>> readCsv(String text, int maxRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord record : parser) {
                out.add(record.toList());
                if (out.size() > maxRows + 1000) {
                    throw rejected("At most " + maxRows + " rows per file");
                }
            }
            return out;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw rejected("The file is not valid CSV: " + e.getMessage());
        }
    }

    /** A cell as a person typed it; a date cell as 2016-07-01 whatever its display format. */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return formatter.formatCellValue(cell);
    }

    private static List<List<String>> readXlsx(byte[] body, int maxRows) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = sheet.getLastRowNum();
            if (last > maxRows + 1000) {
                throw rejected("At most " + maxRows + " rows per file");
            }
            List<List<String>> out = new ArrayList<>();
            for (int r = Math.max(0, sheet.getFirstRowNum()); r <= last; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : text(cell, formatter));
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
}
