package app.vanguard.coverage;

import app.vanguard.shared.ApiException;
import app.vanguard.shared.TabularFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey spreadsheet (附件1 非公有制经济组织调查摸底表): its columns, read by the shared {@link TabularFile} (CSV in
 * UTF-8 / GBK / GB18030, or .xlsx). The header names the columns in Chinese; rows are keyed by them.
 */
final class SurveyFile {

    static final String XLSX = TabularFile.XLSX;
    static final int MAX_ROWS = 2000;

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

    /** The columns as the shared reader takes them: keyed by their Chinese header. */
    static final List<TabularFile.Column> TABLE = COLUMNS.keySet().stream()
            .map(h -> REQUIRED.contains(h) ? TabularFile.Column.required(h) : TabularFile.Column.optional(h)).toList();

    static List<TabularFile.FileRow> read(byte[] body, String contentType) {
        return TabularFile.read(body, contentType, TABLE, MAX_ROWS);
    }

    /** The import template: the header row, one example row, and a second sheet listing the allowed values. */
    static byte[] templateXlsx() {
        return TabularFile.templateXlsx("调查摸底表", TABLE, List.of("示例五金店", "", EnterpriseKind.SOLE_TRADER.label,
                "东门街道", "批发零售", "张三", "是", "5", "1", "0", "0", "0", "", OrganisedAs.NONE.label, "", "",
                ""), help());
    }

    static byte[] templateCsv() {
        return TabularFile.templateCsv(TABLE);
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
        return TabularFile.rejected(detail);
    }
}
