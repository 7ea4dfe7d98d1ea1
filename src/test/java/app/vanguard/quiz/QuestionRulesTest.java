package app.vanguard.quiz;

import app.vanguard.shared.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Question checking, answer normalising and marking on their own (no server). */
class QuestionRulesTest {

    private static QuestionRules.Input input(String type, List<String> options, String answer) {
        return new QuestionRules.Input(type, "题干", options, answer, null, "中", List.of(" 党章 ", "党章", ""), null);
    }

    private static Question valid(String type, List<String> options, String answer) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Question q = QuestionRules.check(7, input(type, options, answer), null, errors);
        assertTrue(errors.isEmpty(), errors::toString);
        assertNotNull(q);
        return q;
    }

    private static List<String> fieldsAtFault(QuestionRules.Input in) {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertNull(QuestionRules.check(7, in, 3, errors));
        assertTrue(errors.stream().allMatch(e -> Integer.valueOf(3).equals(e.row())));
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void choiceAnswersAreStoredAsSortedOptionIndexes() {
        Question q = valid("多选", List.of("甲", "乙", "丙", "", ""), "c, a");
        assertEquals(QuestionType.MULTIPLE_CHOICE, q.type());
        assertEquals(List.of("甲", "乙", "丙"), q.options()); // trailing blank options dropped
        assertEquals("0,2", q.answer());
        assertEquals("AC", QuestionRules.displayAnswer(q));
        assertEquals(Difficulty.MEDIUM, q.difficulty());
        assertEquals(List.of("党章"), q.tags()); // trimmed, blank and repeated tags dropped
        assertEquals(7, q.orgId());
    }

    @Test
    void trueFalseAndFillInAreCanonical() {
        Question tf = valid("判断", List.of(), "对");
        assertEquals(QuestionRules.TRUE_FALSE_OPTIONS, tf.options());
        assertEquals("0", tf.answer());
        Question fill = valid("FILL_IN", List.of("ignored"), " 为人民服务 | 服务人民 |");
        assertEquals(List.of(), fill.options());
        assertEquals("为人民服务|服务人民", fill.answer());
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        assertEquals(List.of("type", "stem", "difficulty"), fieldsAtFault(new QuestionRules.Input("essay", " ",
                List.of(), "A", null, "extreme", List.of(), null)));
        assertEquals(List.of("answer"), fieldsAtFault(input("单选", List.of("甲", "乙"), "AB")));
        assertEquals(List.of("answer"), fieldsAtFault(input("单选", List.of("甲", "乙"), "C")));
        assertEquals(List.of("options"), fieldsAtFault(input("单选", List.of("甲"), "A")));
        assertEquals(List.of("answer"), fieldsAtFault(input("判断", List.of(), "maybe")));
        assertEquals(List.of("sourceArticleId"), fieldsAtFault(new QuestionRules.Input("判断", "题干", List.of(), "对",
                null, "易", List.of(), "-4")));
    }

    @Test
    void givenAnswersAreNormalisedThenMarkedInTheAttemptsOptionOrder() {
        Question q = valid("多选", List.of("甲", "乙", "丙", "丁"), "AC");
        int[] order = {2, 0, 3, 1}; // shown: 丙 甲 丁 乙
        assertEquals(List.of("丙", "甲", "丁", "乙"), QuestionRules.shown(q, order));
        assertEquals("AB", QuestionRules.displayAnswer(q, order));
        assertEquals("AB", QuestionRules.normaliseGiven(q, "b、a"));
        assertTrue(QuestionRules.isCorrect(q, order, "AB"));
        assertFalse(QuestionRules.isCorrect(q, QuestionRules.identity(4), "AB"));
        assertNull(QuestionRules.normaliseGiven(q, "E"));
        assertNull(QuestionRules.normaliseGiven(q, " "));

        Question single = valid("单选", List.of("甲", "乙"), "B");
        assertNull(QuestionRules.normaliseGiven(single, "AB"));

        Question tf = valid("判断", List.of(), "错误");
        assertEquals("B", QuestionRules.normaliseGiven(tf, "×"));
        assertTrue(QuestionRules.isCorrect(tf, QuestionRules.identity(2), "B"));

        Question fill = valid("填空", List.of(), "为人民服务|服务人民");
        assertEquals("服务人民", QuestionRules.normaliseGiven(fill, " 服务人民 "));
        assertTrue(QuestionRules.isCorrect(fill, new int[0], "服务人民"));
        assertFalse(QuestionRules.isCorrect(fill, new int[0], "人民"));
    }

    @Test
    void optionOrdersRoundTripAndParsersAcceptChineseNames() {
        int[] order = {3, 1, 0, 2};
        assertEquals("3,1,0,2", QuestionRules.encodeOrder(order));
        assertArrayEquals(order, QuestionRules.decodeOrder("3,1,0,2", 4));
        assertArrayEquals(new int[]{0, 1, 2}, QuestionRules.decodeOrder(null, 3));
        assertEquals(QuestionType.SINGLE_CHOICE, QuestionRules.parseType(" 单选题 "));
        assertEquals(QuestionType.TRUE_FALSE, QuestionRules.parseType("true_false"));
        assertNull(QuestionRules.parseType(null));
        assertEquals(Difficulty.HARD, QuestionRules.parseDifficulty("3"));
        assertEquals(Difficulty.EASY, QuestionRules.parseDifficulty("简单"));
        assertNull(QuestionRules.parseDifficulty("?"));
    }
}
