package app.vanguard.quiz;

import app.vanguard.shared.Problem;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a question valid, shared by the one-by-one create and the file imports, and how answers are written:
 * choice answers are option letters (A = first option as displayed), fill-in answers are text.
 */
final class QuestionRules {

    static final List<String> TRUE_FALSE_OPTIONS = List.of("正确", "错误");
    static final int MAX_OPTIONS = 6;
    static final int MAX_TAGS = 10;

    private QuestionRules() {
    }

    /** The raw fields of a question as a client or a file row gives them. */
    record Input(@Nullable String type, @Nullable String stem, List<String> options, @Nullable String answer,
                 @Nullable String explanation, @Nullable String difficulty, List<String> tags,
                 @Nullable String sourceArticleId) {
    }

    /** Checks the input; adds every problem to {@code errors} (with {@code row}, may be null) or returns the question. */
    static @Nullable Question check(long orgId, Input in, @Nullable Integer row, List<Problem.FieldError> errors) {
        int before = errors.size();
        QuestionType type = parseType(in.type());
        if (type == null) {
            errors.add(new Problem.FieldError("type", row,
                    "must be SINGLE_CHOICE (单选), MULTIPLE_CHOICE (多选), TRUE_FALSE (判断) or FILL_IN (填空)"));
        }
        String stem = in.stem() == null ? "" : in.stem().trim();
        if (stem.isEmpty() || stem.length() > 2000) {
            errors.add(new Problem.FieldError("stem", row, "stem is required (at most 2000 characters)"));
        }
        Difficulty difficulty = parseDifficulty(in.difficulty());
        if (difficulty == null) {
            errors.add(new Problem.FieldError("difficulty", row, "must be EASY (易), MEDIUM (中) or HARD (难)"));
        }
        String explanation = in.explanation() == null || in.explanation().isBlank() ? null : in.explanation().trim();
        if (explanation != null && explanation.length() > 2000) {
            errors.add(new Problem.FieldError("explanation", row, "at most 2000 characters"));
        }
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(in.tags().stream().map(String::trim)
                .filter(t -> !t.isEmpty()).toList()));
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 30 || t.contains(","))) {
            errors.add(new Problem.FieldError("tags", row, "at most " + MAX_TAGS
                    + " tags of at most 30 characters, without commas"));
        }
        Long sourceArticleId = null;
        if (in.sourceArticleId() != null && !in.sourceArticleId().isBlank()) {
            try {
                sourceArticleId = Long.valueOf(in.sourceArticleId().trim());
                if (sourceArticleId <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("sourceArticleId", row, "must be a positive article id"));
            }
        }
        List<String> options = in.options().stream().map(o -> o == null ? "" : o.trim()).toList();
        String answer = in.answer() == null ? "" : in.answer().trim();
        String canonical = null;
        if (type != null) {
            switch (type) {
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                    options = trimTrailingBlanks(options);
                    if (options.size() < 2 || options.size() > MAX_OPTIONS || options.stream().anyMatch(String::isEmpty)
                            || options.stream().anyMatch(o -> o.length() > 500)) {
                        errors.add(new Problem.FieldError("options", row, "2 to " + MAX_OPTIONS
                                + " options, none blank, each at most 500 characters"));
                    } else if (options.stream().map(QuestionRules::sameOption).distinct().count() < options.size()) {
                        errors.add(new Problem.FieldError("options", row, "two options are the same"));
                    } else {
                        Set<Integer> picked = letters(answer, options.size());
                        if (picked == null || picked.isEmpty()) {
                            errors.add(new Problem.FieldError("answer", row, "must be option letters among A-"
                                    + (char) ('A' + options.size() - 1)));
                        } else if (type == QuestionType.SINGLE_CHOICE && picked.size() != 1) {
                            errors.add(new Problem.FieldError("answer", row, "a single-choice question has one answer"));
                        } else {
                            canonical = join(picked);
                        }
                    }
                }
                case TRUE_FALSE -> {
                    options = TRUE_FALSE_OPTIONS;
                    Boolean value = parseTrueFalse(answer);
                    if (value == null) {
                        errors.add(new Problem.FieldError("answer", row, "must be TRUE or FALSE (正确/错误, 对/错, A/B)"));
                    } else {
                        canonical = value ? "0" : "1";
                    }
                }
                case FILL_IN -> {
                    options = List.of();
                    List<String> accepted = Arrays.stream(answer.split("\\|")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList();
                    if (accepted.isEmpty() || answer.length() > 500) {
                        errors.add(new Problem.FieldError("answer", row,
                                "the accepted text is required (alternatives separated by |, at most 500 characters)"));
                    } else {
                        canonical = String.join("|", accepted);
                    }
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Question(null, orgId, type, stem, options, canonical, explanation, difficulty, tags, sourceArticleId);
    }

    /** The answer as the author sees it: letters for choice types, the texts for fill-in. */
    static String displayAnswer(Question q) {
        if (q.type() == QuestionType.FILL_IN) {
            return q.answer();
        }
        StringBuilder sb = new StringBuilder();
        for (String i : q.answer().split(",")) {
            sb.append((char) ('A' + Integer.parseInt(i)));
        }
        return sb.toString();
    }

    /** The correct answer in the letters of one attempt's option order (displayed i = author's order[i]). */
    static String displayAnswer(Question q, int[] order) {
        if (q.type() == QuestionType.FILL_IN) {
            return q.answer();
        }
        Set<Integer> correct = indexes(q.answer());
        StringBuilder sb = new StringBuilder();
        for (int shown = 0; shown < order.length; shown++) {
            if (correct.contains(order[shown])) {
                sb.append((char) ('A' + shown));
            }
        }
        return sb.toString();
    }

    /**
     * A member's answer, normalised (choice letters sorted, upper case; fill-in trimmed), or null when it is not a
     * well-formed answer to this question.
     */
    static @Nullable String normaliseGiven(Question q, @Nullable String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (q.type() == QuestionType.FILL_IN) {
            String t = given.trim();
            return t.length() > 500 ? null : t;
        }
        String g = given.trim();
        if (q.type() == QuestionType.TRUE_FALSE) {
            Boolean v = parseTrueFalse(g);
            return v == null ? null : v ? "A" : "B";
        }
        Set<Integer> picked = letters(g, q.options().size());
        if (picked == null || picked.isEmpty() || (q.type() == QuestionType.SINGLE_CHOICE && picked.size() != 1)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        picked.forEach(i -> sb.append((char) ('A' + i)));
        return sb.toString();
    }

    /** Whether a normalised answer, in the letters of {@code order}, is right. */
    static boolean isCorrect(Question q, int[] order, String normalised) {
        if (q.type() == QuestionType.FILL_IN) {
            for (String accepted : q.answer().split("\\|")) {
                if (accepted.trim().equalsIgnoreCase(normalised.trim())) {
                    return true;
                }
            }
            return false;
        }
        return displayAnswer(q, order).equals(normalised);
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static String encodeOrder(int[] order) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < order.length; i++) {
            sb.append(i == 0 ? "" : ",").append(order[i]);
        }
        return sb.toString();
    }

    static int[] decodeOrder(@Nullable String text, int n) {
        if (text == null || text.isEmpty()) {
            return identity(n);
        }
        return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static List<String> shown(Question q, int[] order) {
        List<String> out = new ArrayList<>();
        for (int i : order) {
            out.add(q.options().get(i));
        }
        return out;
    }

    static @Nullable QuestionType parseType(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return switch (t.toUpperCase(Locale.ROOT)) {
            case "SINGLE_CHOICE", "SINGLE", "单选", "单选题" -> QuestionType.SINGLE_CHOICE;
            case "MULTIPLE_CHOICE", "MULTIPLE", "多选", "多选题" -> QuestionType.MULTIPLE_CHOICE;
            case "TRUE_FALSE", "判断", "判断题" -> QuestionType.TRUE_FALSE;
            case "FILL_IN", "填空", "填空题" -> QuestionType.FILL_IN;
            default -> null;
        };
    }

    static @Nullable Difficulty parseDifficulty(@Nullable String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toUpperCase(Locale.ROOT)) {
            case "EASY", "易", "简单", "1" -> Difficulty.EASY;
            case "MEDIUM", "中", "中等", "2" -> Difficulty.MEDIUM;
            case "HARD", "难", "困难", "3" -> Difficulty.HARD;
            default -> null;
        };
    }

    private static @Nullable Boolean parseTrueFalse(String s) {
        return switch (s.trim().toUpperCase(Locale.ROOT)) {
            case "TRUE", "T", "A", "正确", "对", "√", "是" -> Boolean.TRUE;
            case "FALSE", "F", "B", "错误", "错", "×", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Letters like "AC", "a,c" or "C A" as 0-based indexes; null if a letter is out of range or not a letter. */
    private static @Nullable Set<Integer> letters(String s, int optionCount) {
        Set<Integer> out = new TreeSet<>();
        for (char c : s.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == ',' || c == ' ' || c == '，' || c == '、') {
                continue;
            }
            int i = c - 'A';
            if (i < 0 || i >= optionCount) {
                return null;
            }
            out.add(i);
        }
        return out;
    }

    static Set<Integer> indexes(String canonical) {
        Set<Integer> out = new TreeSet<>();
        for (String i : canonical.split(",")) {
            out.add(Integer.parseInt(i));
        }
        return out;
    }

    private static String join(Set<Integer> indexes) {
        return String.join(",", indexes.stream().map(String::valueOf).toList());
    }

    /** Options that read the same (full-width or half-width, spacing and case aside) count as duplicates. */
    private static String sameOption(String option) {
        return java.text.Normalizer.normalize(option, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", "")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> trimTrailingBlanks(List<String> options) {
        int n = options.size();
        while (n > 0 && options.get(n - 1).isEmpty()) {
            n--;
        }
        return options.subList(0, n);
    }
}
