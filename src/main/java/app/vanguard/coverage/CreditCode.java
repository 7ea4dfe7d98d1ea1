package app.vanguard.coverage;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the 31-character set
 * {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, Z, S, V); the last is a check character, weights 3^i mod 31 over the first 17,
 * check = 31 − (Σ mod 31), with 31 written as 0.
 */
public final class CreditCode {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** Upper-cased and trimmed, or null for a blank. */
    static @Nullable String normalise(@Nullable String code) {
        return code == null || code.isBlank() ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    /** Why a (normalised) code is not valid, or null when it is. */
    static @Nullable String problem(String code) {
        if (code.length() != 18) {
            return "must be 18 characters";
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " ('" + code.charAt(i) + "') is not allowed in a credit code";
            }
        }
        if (code.charAt(17) != checkCharacter(code)) {
            return "the check character (the 18th) does not match";
        }
        return null;
    }

    static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of {@code code}. */
    static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }
}
