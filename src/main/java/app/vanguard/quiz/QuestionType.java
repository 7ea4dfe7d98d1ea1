package app.vanguard.quiz;

/** 题型. */
public enum QuestionType {
    /** 单选 */
    SINGLE_CHOICE,
    /** 多选 */
    MULTIPLE_CHOICE,
    /** 判断: options are fixed as 正确 / 错误 (A / B). */
    TRUE_FALSE,
    /** 填空: the answer is text; several accepted spellings separated by "|". */
    FILL_IN;

    boolean hasOptions() {
        return this != FILL_IN;
    }

    /** Options are shuffled per attempt for these; true/false keeps 正确 before 错误. */
    boolean shuffles() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
