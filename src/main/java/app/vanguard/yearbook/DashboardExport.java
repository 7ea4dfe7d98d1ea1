package app.vanguard.yearbook;

import app.vanguard.shared.Workbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The dashboard as a workbook: a row per child organisation and the subtree's total, then the bottom-ranked. */
final class DashboardExport {

    private static final List<String> HEAD = List.of("orgId", "name", "type", "branches", "members", "meetingsHeld",
            "planned", "plannedHeld", "complianceRate", "attended", "attendanceCounted", "attendanceRate",
            "readingDaysDone", "readingDaysExpected", "readingCompletion", "articlesRead", "studyHours",
            "averageStudyHours", "contestParticipants", "contestParticipation", "declarationsReceived",
            "declarationsVerified", "duesMembersInArrears", "duesOwedFen", "duesFlagged", "enterprisesSurveyed",
            "enterprisesCovered", "coverageRate");

    private DashboardExport() {
    }

    static byte[] xlsx(YearbookViews.Dashboard d) {
        List<List<Object>> rows = new ArrayList<>();
        for (YearbookViews.DashboardUnit u : d.children()) {
            rows.add(row(u.orgId(), u.name(), u.type(), u.figures()));
        }
        rows.add(row(d.orgId(), "合计 " + d.orgName(), "TOTAL", d.total()));
        List<List<Object>> bottom = new ArrayList<>();
        for (YearbookViews.Bottom b : d.bottom()) {
            int rank = 1;
            for (YearbookViews.Ranked r : b.children()) {
                bottom.add(List.of(b.measure(), rank++, r.orgId(), r.name(), r.value()));
            }
        }
        return new Workbook()
                .sheet("dashboard", HEAD, rows)
                .sheet("bottom", List.of("measure", "rank", "orgId", "name", "value"), bottom)
                .xlsx();
    }

    private static List<Object> row(long id, String name, String type, YearbookViews.DashboardFigures f) {
        return Arrays.asList(id, name, type, f.branches(), f.members(), f.meetingsHeld(), f.planned(),
                f.plannedHeld(), f.complianceRate(), f.attended(), f.attendanceCounted(), f.attendanceRate(),
                f.readingDaysDone(), f.readingDaysExpected(), f.readingCompletion(), f.articlesRead(), f.studyHours(),
                f.averageStudyHours(), f.contestParticipants(), f.contestParticipation(), f.declarationsReceived(),
                f.declarationsVerified(), f.duesMembersInArrears(), f.duesOwedFen(), f.duesFlagged(),
                f.enterprisesSurveyed(), f.enterprisesCovered(), f.coverageRate());
    }
}
