package app.vanguard.shared;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Excel (.xlsx) report of one or more sheets, each a header and rows (numbers as numbers, text as string
 * cells, which spreadsheets never evaluate). Written with POI's streaming workbook, so a report of thousands of rows stays cheap.
 */
public final class Workbook {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private record Table(String name, List<String> header, List<List<Object>> rows) {
    }

    private final List<Table> tables = new ArrayList<>();

    public Workbook sheet(String name, List<String> header, List<List<Object>> rows) {
        tables.add(new Table(name, header, rows));
        return this;
    }

    public byte[] xlsx() {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Table t : tables) {
                Sheet sheet = workbook.createSheet(t.name());
                Row head = sheet.createRow(0);
                for (int i = 0; i < t.header().size(); i++) {
                    head.createCell(i).setCellValue(t.header().get(i));
                }
                int r = 1;
                for (List<Object> values : t.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        if (v instanceof Number n) {
                            row.createCell(i).setCellValue(n.doubleValue());
                        } else if (v instanceof Boolean b) {
                            row.createCell(i).setCellValue(b);
                        } else if (v != null) {
                            row.createCell(i).setCellValue(v.toString()); // a string cell is never evaluated
                        }
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // nothing to release beyond the temp files already disposed
            }
        }
    }
}
