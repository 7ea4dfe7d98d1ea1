package app.vanguard.coverage;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The drive's report table (附件2 “百日攻坚”行动报表) for one snapshot: a title, the reporting organisation and period,
 * a two-row header (已建党组织 spanning the four ways of organising), one row per sub-organisation in rank order, the
 * organisation's own register if it has one, and the total (合计). The rate is a percentage to 2 decimals.
 */
final class ProgressReport {

    /** The column headings of the second header row; the first spans 已建党组织 over columns 3–7. */
    static final List<String> COLUMNS = List.of("序号", "单位", "非公经济组织数", "已建党组织合计", "单独组建", "联合组建",
            "挂靠组建", "行业组建", "未建党组织", "组建率(%)", "本期新建党组织", "党员数", "未纳入组织管理党员数",
            "选派党建指导员", "排名", "约谈");
    /** The first data row (0-based): title, period line, two header rows. */
    static final int FIRST_DATA_ROW = 4;

    private ProgressReport() {
    }

    static byte[] xlsx(String driveName, CoverageViews.SnapshotView s) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("第" + s.cycle() + "期");
            CellStyle title = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            bold.setFontHeightInPoints((short) 16);
            title.setFont(bold);
            title.setAlignment(HorizontalAlignment.CENTER);
            Row r0 = sheet.createRow(0);
            Cell t = r0.createCell(0);
            t.setCellValue("“百日攻坚”行动报表");
            t.setCellStyle(title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS.size() - 1));
            sheet.createRow(1).createCell(0).setCellValue("填报单位：" + s.orgName() + "　　" + driveName + "　　第"
                    + s.cycle() + "期（" + s.cycleStartsOn() + "至" + s.cycleEndsOn() + "）　　截至" + s.asOf());
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, COLUMNS.size() - 1));
            Row h1 = sheet.createRow(2);
            Row h2 = sheet.createRow(3);
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (c >= 3 && c <= 7) {
                    h2.createCell(c).setCellValue(COLUMNS.get(c));
                } else {
                    h1.createCell(c).setCellValue(COLUMNS.get(c));
                    sheet.addMergedRegion(new CellRangeAddress(2, 3, c, c));
                }
            }
            h1.createCell(3).setCellValue("已建党组织");
            sheet.addMergedRegion(new CellRangeAddress(2, 2, 3, 7));
            int r = FIRST_DATA_ROW;
            for (CoverageViews.SnapshotRow row : s.rows()) {
                line(sheet.createRow(r++), String.valueOf(row.rank()), row.orgName(), row.figures(), row.newlyCovered(),
                        row.rank(), row.accountabilityTalk());
            }
            if (s.ownRegister() != null) {
                line(sheet.createRow(r++), "", s.orgName() + "（直属）", s.ownRegister(), null, null, false);
            }
            line(sheet.createRow(r), "", "合计", s.total(), s.newlyCovered(), null, false);
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.setColumnWidth(c, c == 1 ? 30 * 256 : 12 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Row row, String number, String name, CoverageViews.Figures f, Long newlyCovered,
                             Integer rank, boolean talk) {
        row.createCell(0).setCellValue(number);
        row.createCell(1).setCellValue(name);
        long[] counts = {f.surveyed(), f.covered(), f.own(), f.joint(), f.affiliated(), f.industry(), f.notOrganised()};
        for (int i = 0; i < counts.length; i++) {
            row.createCell(2 + i).setCellValue(counts[i]);
        }
        if (f.coverageRate() != null) {
            row.createCell(9).setCellValue(Math.round(f.coverageRate() * 10000.0) / 100.0);
        } else {
            row.createCell(9).setCellValue("-");
        }
        if (newlyCovered != null) {
            row.createCell(10).setCellValue(newlyCovered);
        }
        row.createCell(11).setCellValue(f.membersFound());
        row.createCell(12).setCellValue(f.membersOutside());
        row.createCell(13).setCellValue(f.instructors());
        if (rank != null) {
            row.createCell(14).setCellValue(rank);
        }
        row.createCell(15).setCellValue(talk ? "约谈" : "");
    }
}
