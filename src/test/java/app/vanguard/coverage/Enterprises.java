package app.vanguard.coverage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test data of the enterprise register: credit codes with a right check character, and request bodies. */
final class Enterprises {

    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String DIGITS = "0123456789";

    private Enterprises() {
    }

    /**
     * A fresh code shaped like a real one: 9 (registered by the market regulator) + 1 (enterprise), a 6-digit
     * division code, a 9-character organisation code, then the GB 32100-2015 check character computed here.
     */
    static String creditCode() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder("91");
        for (int i = 0; i < 6; i++) {
            code.append(DIGITS.charAt(r.nextInt(10)));
        }
        for (int i = 0; i < 9; i++) {
            code.append(CHARSET.charAt(r.nextInt(CHARSET.length())));
        }
        return code.append(check(code.toString())).toString();
    }

    /** Σ(value × 3^i mod 31) over the 17 characters; check = 31 − Σ mod 31, 31 written as 0. */
    static char check(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }

    /** A small firm with the given members and way of organising. */
    static Map<String, Object> body(String name, String district, String kind, int full, int probationary,
                                    String organisedAs) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("creditCode", kind.equals("SOLE_TRADER") ? null : creditCode());
        body.put("kind", kind);
        body.put("district", district);
        body.put("industry", "批发零售");
        body.put("ownerName", "王老板");
        body.put("ownerIsMember", false);
        body.put("employees", 20);
        body.put("fullMembers", full);
        body.put("probationaryMembers", probationary);
        body.put("youthLeagueMembers", 4);
        body.put("membersRelationsElsewhere", 0);
        body.put("venue", "二楼会议室");
        body.put("organisedAs", organisedAs);
        return body;
    }

    static Map<String, Object> firm(int full, String organisedAs) {
        return body("先锋商贸有限公司", "福田区", "SMALL_MICRO_FIRM", full, 0, organisedAs);
    }
}
