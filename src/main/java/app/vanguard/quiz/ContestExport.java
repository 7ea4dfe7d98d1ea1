package app.vanguard.quiz;

import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import app.vanguard.shared.ShanghaiTime;
import app.vanguard.shared.SpreadsheetText;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A contest's frozen results as CSV (commons-csv, with a BOM for Excel) or .xlsx (Apache POI); finishedAt in
 * Asia/Shanghai local time. */
@Singleton
class ContestExport {

    static final List<String> COLUMNS = List.of("rank", "memberId", "name", "branchId", "branch", "score",
            "correctCount", "questionCount", "timeUsedMs", "finishedAt");

    byte[] csv(Contest c, List<ContestStore.Result> results) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (ContestStore.Result r : results) {
                printer.printRecord(r.rank(), r.memberId(), SpreadsheetText.csvCell(r.name()), r.branchId(),
                        SpreadsheetText.csvCell(r.branchName()), r.score(),
                        r.correctCount(), c.questionCount(), r.timeUsedMs(),
                        ShanghaiTime.seconds(Instant.ofEpochMilli(r.finishedAtMs())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] xlsx(Contest c, List<ContestStore.Result> results) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("results");
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
            }
            int n = 1;
            for (ContestStore.Result r : results) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue(r.rank());
                row.createCell(1).setCellValue(r.memberId());
                row.createCell(2).setCellValue(r.name());
                if (r.branchId() != null) {
                    row.createCell(3).setCellValue(r.branchId());
                }
                row.createCell(4).setCellValue(r.branchName() == null ? "" : r.branchName());
                row.createCell(5).setCellValue(r.score());
                row.createCell(6).setCellValue(r.correctCount());
                row.createCell(7).setCellValue(c.questionCount());
                row.createCell(8).setCellValue(r.timeUsedMs());
                row.createCell(9).setCellValue(ShanghaiTime.seconds(Instant.ofEpochMilli(r.finishedAtMs())));
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
