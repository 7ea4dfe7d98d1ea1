package app.vanguard.shared;

import io.micronaut.core.annotation.Nullable;

import java.text.Normalizer;

/**
 * The one place a phone number is normalised, wherever one is accepted (sign-in, WeChat bind, roster entry and
 * import, self-registration), so the same phone is always the same string: in the database, in throttle keys.
 * Full-width digits become ASCII (NFKC), spaces, hyphens and dots go, and a +86 / 0086 / 86 country prefix in front
 * of an 11-digit number is dropped. Anything else is returned as it is (trimmed) for validation to refuse.
 */
public final class Phones {

    private Phones() {
    }

    public static @Nullable String normalise(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String s = Normalizer.normalize(phone, Normalizer.Form.NFKC).strip();
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || Character.isSpaceChar(c)) {
                continue;
            }
            digits.append(c);
        }
        String d = digits.toString();
        if (d.startsWith("+86")) {
            d = d.substring(3);
        } else if (d.startsWith("0086") && d.length() == 15) {
            d = d.substring(4);
        } else if (d.startsWith("86") && d.length() == 13) {
            d = d.substring(2);
        }
        return d.length() == 11 && d.chars().allMatch(c -> c >= '0' && c <= '9') ? d : phone.strip();
    }
}
