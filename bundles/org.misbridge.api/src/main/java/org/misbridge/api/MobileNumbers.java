package org.misbridge.api;

import org.jspecify.annotations.Nullable;

/**
 * The one form a mobile number is stored, matched and blocked in, shared by the sync (which
 * imports numbers), the commands (which take them typed) and the store (whose migration V10
 * rewrites numbers stored before this form existed): a UK number is written nationally, {@code 0}
 * and its digits ({@code 07700900313}), whether it came as {@code 07…}, {@code +447…},
 * {@code 00447…} or {@code 447…}, with spaces, dashes, dots, slashes or brackets, and with the
 * trunk {@code 0} after the country code in brackets or not ({@code +44 (0)7700 900313}); any other
 * number loses only its separators. Whether a UK number is a mobile is the sync's rule, not this
 * class's.
 *
 * <p>Canonical forms are fixed points: {@code canonical(canonical(x)).equals(canonical(x))}, so a
 * number rewritten once is never rewritten again.
 */
public final class MobileNumbers {

    private MobileNumbers() {
    }

    /** The number as it is stored and matched. */
    public static String canonical(String raw) {
        String number = compact(raw);
        String national = ukNational(number);
        // again while it changes: "+44 0044 7700…" is national only the second time; each pass is shorter
        while (national != null && !national.equals(number)) {
            number = national;
            national = ukNational(number);
        }
        return number;
    }

    /**
     * The national form ({@code 0…}) of a compacted UK number written nationally or with the
     * country code ({@code +44}, {@code 0044}, or {@code 44} followed by at least ten digits); null
     * when the number is not a UK one.
     */
    public static @Nullable String ukNational(String compacted) {
        String afterCountry;
        if (compacted.startsWith("+44")) {
            afterCountry = compacted.substring(3);
        } else if (compacted.startsWith("0044")) {
            afterCountry = compacted.substring(4);
        } else if (compacted.startsWith("44") && compacted.length() >= 12) {
            afterCountry = compacted.substring(2);
        } else if (compacted.startsWith("0") && !compacted.startsWith("00")) {
            return compacted;
        } else {
            return null;
        }
        if (afterCountry.startsWith("0")) {
            afterCountry = afterCountry.substring(1); // the trunk 0, written after the country code by mistake or as (0)
        }
        return afterCountry.isEmpty() ? null : "0" + afterCountry;
    }

    /**
     * Without white space, dashes, dots, slashes and brackets; {@code (0)} right after the country
     * code is the trunk prefix and goes too, elsewhere it is a 0.
     */
    public static String compact(String raw) {
        // a loop, not replaceAll: this runs for every mobile of every sync
        String trimmed = raw.strip();
        StringBuilder kept = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char ch = trimmed.charAt(i);
            if (ch == '(' && i + 2 < trimmed.length() && trimmed.charAt(i + 1) == '0' && trimmed.charAt(i + 2) == ')') {
                String before = kept.toString();
                if (!before.equals("+44") && !before.equals("0044") && !before.equals("44")) {
                    kept.append('0'); // "(0)7700 900313": the 0 of a national number
                }
                i += 2;
                continue;
            }
            boolean separator = Character.isWhitespace(ch) || Character.isSpaceChar(ch) || switch (ch) {
                case '-', '.', '(', ')', '/' -> true;
                default -> false;
            };
            if (!separator) {
                kept.append(ch);
            }
        }
        return kept.length() == trimmed.length() ? trimmed : kept.toString();
    }
}
