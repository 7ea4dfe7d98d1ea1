package app.vanguard.reading;

/** Chinese numerals as used in Party and government texts (第十五条, 二十一、), 0..9999, or Arabic digits. */
final class ChineseNumerals {

    private ChineseNumerals() {
    }

    static final String DIGITS = "零〇一二三四五六七八九两";
    static final String CHARS = DIGITS + "十百千";

    /** The value, or -1 when the text is not a numeral. */
    static int parse(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 6 ? -1 : Integer.parseInt(text);
        }
        int total = 0;
        int digit = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = digitOf(c);
            if (d >= 0) {
                digit = d;
                continue;
            }
            int unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> -2;
            };
            if (unit == -2) {
                return -1;
            }
            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        if (digit > 0) {
            total += digit;
        }
        return total;
    }

    private static int digitOf(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }
}
