package app.vanguard.commendation;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A round's nomination table (推荐表) for one category: the title, a header, and one row per nomination by
 * sub-organisation and rank (名额内 within quota, 备选 a ranked extra), with the evidence and the statement of deeds.
 */
final class NominationTable {

    static final List<String> COLUMNS = List.of("推荐单位", "排序", "名额", "候选人", "所在党组织", "状态", "参加会议",
            "出席", "出勤率(%)", "学习篇数", "学习积分", "年度积分", "事迹材料字数", "事迹材料");

    private NominationTable() {
    }

    static byte[] xlsx(CommendationStore.Round round, Category category, List<CommendationViews.NominationView> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(category.label);
            sheet.createRow(0).createCell(0).setCellValue(round.title() + "　" + category.label + "推荐表");
            Row head = sheet.createRow(1);
            for (int c = 0; c < COLUMNS.size(); c++) {
                head.createCell(c).setCellValue(COLUMNS.get(c));
            }
            int r = 2;
            for (CommendationViews.NominationView n : rows) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(n.subOrgName());
                row.createCell(1).setCellValue(n.rank());
                row.createCell(2).setCellValue(n.withinQuota() ? "名额内" : "备选");
                row.createCell(3).setCellValue(n.candidate().name());
                row.createCell(4).setCellValue(n.candidate().branchName() == null ? "" : n.candidate().branchName());
                row.createCell(5).setCellValue(n.state().name());
                if (n.evidence() != null) {
                    row.createCell(6).setCellValue(n.evidence().meetings());
                    row.createCell(7).setCellValue(n.evidence().attended());
                    if (n.evidence().attendanceRate() != null) {
                        row.createCell(8).setCellValue(Math.round(n.evidence().attendanceRate() * 10000.0) / 100.0);
                    }
                    row.createCell(9).setCellValue(n.evidence().articlesRead());
                    row.createCell(10).setCellValue(n.evidence().readingPoints());
                    row.createCell(11).setCellValue(n.evidence().points());
                }
                row.createCell(12).setCellValue(n.deedsCharacters());
                row.createCell(13).setCellValue(n.deeds());
            }
            sheet.setColumnWidth(13, 80 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
