package app.vanguard.quiz;

import app.vanguard.shared.TabularFile;
import app.vanguard.shared.TabularFile.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The question-bank file, read by the shared {@link TabularFile} (CSV in UTF-8 / GBK / GB18030, or .xlsx). Columns,
 * named in Chinese or by their English key: 题型 type, 题干 stem, 选项A..选项F (A..F, options), 答案 answer,
 * 解析 explanation, 难度 difficulty, 标签 tags (separated by ; or 、), 出处条文ID sourceArticleId. Only type, stem,
 * answer and difficulty are required.
 */
final class QuestionFile {

    static final String XLSX = TabularFile.XLSX;
    static final List<String> OPTION_COLUMNS = List.of("A", "B", "C", "D", "E", "F");
    static final int MAX_ROWS = 2000;

    static final List<Column> COLUMNS;

    static {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.required("type", "题型"));
        columns.add(Column.required("stem", "题干"));
        for (String o : OPTION_COLUMNS) {
            columns.add(Column.optional(o, "选项" + o));
        }
        columns.add(Column.required("answer", "答案"));
        columns.add(Column.optional("explanation", "解析"));
        columns.add(Column.required("difficulty", "难度"));
        columns.add(Column.optional("tags", "标签"));
        columns.add(Column.optional("sourceArticleId", "出处条文ID"));
        COLUMNS = List.copyOf(columns);
    }

    private QuestionFile() {
    }

    static List<TabularFile.FileRow> read(byte[] body, String contentType) {
        return TabularFile.read(body, contentType, COLUMNS, MAX_ROWS);
    }

    static QuestionRules.Input toInput(TabularFile.FileRow row) {
        List<String> options = new ArrayList<>();
        for (String c : OPTION_COLUMNS) {
            options.add(row.get(c));
        }
        List<String> tags = Arrays.stream(row.get("tags").split("[;；、]")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
        return new QuestionRules.Input(row.get("type"), row.get("stem"), options, row.get("answer"),
                row.get("explanation"), row.get("difficulty"), tags, row.get("sourceArticleId"));
    }

    /** The import template: the Chinese header row and one example question. */
    static byte[] templateXlsx() {
        return TabularFile.templateXlsx("题库", COLUMNS, List.of("单选", "党的最高理想和最终目标是什么？", "实现共产主义",
                "全面建成小康社会", "实现社会主义现代化", "", "", "", "A", "见党章总纲。", "易", "党章;理想信念", ""),
                List.of(new String[]{"列", "填写"},
                        new String[]{"题型", "必填：单选、多选、判断、填空"},
                        new String[]{"题干", "必填"},
                        new String[]{"选项A…选项F", "选择题的选项，至少两项；判断题和填空题不填"},
                        new String[]{"答案", "必填：选项字母（多选如 AC）；判断填 正确/错误；填空填答案，多种写法用 | 分隔"},
                        new String[]{"解析", "可不填"},
                        new String[]{"难度", "必填：易、中、难"},
                        new String[]{"标签", "可不填，多个用 ; 或 、 分隔"},
                        new String[]{"出处条文ID", "可不填：文库中条文的编号"}));
    }
}
