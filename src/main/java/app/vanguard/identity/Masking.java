package app.vanguard.identity;

import io.micronaut.core.annotation.Nullable;

/** What members and the public see of personal data: masked phones (138****0002) and names (张*明). */
public final class Masking {

    private Masking() {
    }

    /** Keeps the first 3 and last 4 digits of an 11-digit phone; shorter numbers keep only their last 2. */
    public static @Nullable String phone(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        if (phone.length() <= 2) {
            return "*".repeat(phone.length());
        }
        return "*".repeat(phone.length() - 2) + phone.substring(phone.length() - 2);
    }

    /** 张明 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明: only the first and (for 3+ characters) last are kept. */
    public static String name(String name) {
        int[] cps = name.strip().codePoints().toArray();
        if (cps.length <= 1) {
            return "*";
        }
        StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return sb.append('*').toString();
        }
        sb.append("*".repeat(cps.length - 2));
        return sb.appendCodePoint(cps[cps.length - 1]).toString();
    }
}
