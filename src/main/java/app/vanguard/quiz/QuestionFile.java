package app.vanguard.quiz;

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
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a question-bank file, CSV (commons-csv) or Excel .xlsx (Apache POI, first sheet), into header-keyed rows.
 * Columns: type, stem, A..F (options), answer, explanation, difficulty, tags (separated by ; or 、), sourceArticleId.
 */
final class QuestionFile {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final List<String> REQUIRED = List.of("type", "stem", "answer", "difficulty");
    static final List<String> OPTION_COLUMNS = List.of("A", "B", "C", "D", "E", "F");
    static final int MAX_ROWS = 2000;

    /** A data row: its 1-based number (header and blank lines not counted) and its cells by column name. */
    record FileRow(int row, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v.trim();
        }
    }

    private QuestionFile() {
    }

    static List<FileRow> read(byte[] body, String contentType) {
        List<List<String>> lines = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(XLSX)
                ? readXlsx(body) : readCsv(body);
        if (lines.isEmpty()) {
            throw rejected("The file is empty");
        }
        List<String> header = lines.get(0).stream().map(String::trim).toList();
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
        }
        if (rows.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED",
                    "The file was rejected; nothing was imported",
                    List.of(new Problem.FieldError(null, null, "the file has a header but no rows")));
        }
        if (rows.size() > MAX_ROWS) {
            throw rejected("At most " + MAX_ROWS + " rows per file");
        }
        return rows;
    }

    static QuestionRules.Input toInput(FileRow row) {
        List<String> options = new ArrayList<>();
        for (String c : OPTION_COLUMNS) {
            options.add(row.get(c));
        }
        List<String> tags = Arrays.stream(row.get("tags").split("[;；、]")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
        return new QuestionRules.Input(row.get("type"), row.get("stem"), options, row.get("answer"),
                row.get("explanation"), row.get("difficulty"), tags, row.get("sourceArticleId"));
    }

    private static List<List<String>> readCsv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel's UTF-8 BOM
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord record : parser) {
                out.add(record.toList());
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
            List<List<String>> out = new ArrayList<>();
            int last = sheet.getLastRowNum();
            if (last > MAX_ROWS + 1000) {
                throw rejected("At most " + MAX_ROWS + " rows per file");
            }
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

    private static ApiException rejected(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "IMPORT_REJECTED", detail);
    }

}
