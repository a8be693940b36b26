package org.misbridge.sync.plan;

import java.util.Optional;
import org.misbridge.api.MobileNumbers;
import org.misbridge.api.UnsafeCharacters;

/**
 * Checks an email or mobile before import; a failed check becomes a data issue, not a stored detail.
 *
 * <p>Mobiles: only UK mobile numbers are mobiles, stored in one form, {@code 07} and nine more
 * digits. Written {@code 07…}, {@code +447…}, {@code 447…} or {@code 00447…}, with spaces, dashes,
 * dots or brackets, and with the trunk {@code 0} after the country code in brackets or not
 * ({@code +44 (0)7700 900313}); the ranges are Ofcom's: 071–075, 077–079 and 07624 (Isle of Man)
 * are mobiles, 070 is personal numbering and the rest of 076 pagers. By hand rather than with a
 * numbering-plan library: such libraries check allocation blocks, which change with every release
 * and reject Ofcom's own drama range (07700 900xxx) that tests and demos use. The stored form is
 * {@link MobileNumbers#canonical}, which the store's migration V10 also applied to numbers stored
 * before it.
 */
public final class DetailRules {

    /** The longest address SMTP carries (RFC 5321's 256-octet path less its angle brackets). */
    static final int MAX_EMAIL = 254;
    private static final int UK_MOBILE_DIGITS = 11;

    private DetailRules() {
    }

    public static String normaliseEmail(String raw) {
        return raw.trim();
    }

    /** Why the email cannot be imported, or empty when it can. */
    static Optional<String> emailProblem(String email) {
        if (email.isEmpty()) {
            return Optional.of("email is empty");
        }
        int unsafe = UnsafeCharacters.firstUnsafe(email);
        if (unsafe >= 0) {
            return Optional.of(IssueText.quote(email) + " contains a control character (" + UnsafeCharacters.describe(unsafe) + ")");
        }
        if (email.length() > MAX_EMAIL) {
            return Optional.of(IssueText.quote(email) + " is " + email.length() + " characters long; an email address has at most "
                    + MAX_EMAIL);
        }
        return shapedLikeEmail(email) ? Optional.empty()
                : Optional.of(IssueText.quote(email) + " is not a valid email address");
    }

    /**
     * Deliberately simple, as the regular expression {@code [^@\s]+@[^@\s.]+(\.[^@\s.]+)+} says
     * it: something, one @, and a domain of two or more dot-separated labels, with no whitespace
     * anywhere. Real checks happen at delivery. Written out because the expression allocated on
     * every match (its repeated group), some 170,000 times a first sync of 100,000 students.
     */
    static boolean shapedLikeEmail(String email) {
        int at = -1;
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        if (at <= 0) {
            return false;
        }
        int labels = 0;
        int labelStart = at + 1;
        for (int i = at + 1; i <= email.length(); i++) {
            if (i == email.length() || email.charAt(i) == '.') {
                if (i == labelStart) {
                    return false; // an empty label: a leading, trailing or doubled dot
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2;
    }

    /**
     * The number as it is stored: a UK mobile in its one form ({@code 07700900313}); anything else
     * with its spaces, dashes, dots and brackets taken out, for matching what an operator types.
     */
    public static String normaliseMobile(String raw) {
        return MobileNumbers.canonical(raw);
    }

    /** Why the number, as the MIS wrote it, is not a UK mobile; empty when it is one. */
    static Optional<String> mobileProblem(String raw) {
        String number = MobileNumbers.compact(raw);
        if (!digitsAfterPlus(number)) {
            return Optional.of(shown(raw) + " is not a telephone number: only digits, spaces, dashes, brackets and a leading + may appear");
        }
        String national = MobileNumbers.ukNational(number);
        if (national != null) {
            national = MobileNumbers.canonical(national); // as stored, should the country code come twice
        }
        if (national == null) {
            return Optional.of(number.startsWith("+") || number.startsWith("00")
                    ? shown(raw) + " is not a UK number: only UK mobiles (07…, +447…) are imported as mobiles"
                    : shown(raw) + " is not a UK mobile number: expected 07 and nine more digits, +447… or 447…");
        }
        return problemOfNational(raw, national);
    }

    private static Optional<String> problemOfNational(String raw, String national) {
        if (!national.startsWith("07")) {
            String kind = national.startsWith("01") || national.startsWith("02") || national.startsWith("03")
                    ? "a UK landline" : "a UK service number (" + national.substring(0, Math.min(3, national.length())) + ")";
            return Optional.of(shown(raw) + " is " + kind + ", not a mobile");
        }
        if (national.length() != UK_MOBILE_DIGITS) {
            return Optional.of(shown(raw) + " has too " + (national.length() > UK_MOBILE_DIGITS ? "many" : "few")
                    + " digits for a UK mobile (" + national.length() + "; a UK mobile is 07 and nine more digits)");
        }
        if (national.startsWith("070")) {
            return Optional.of(shown(raw) + " is a UK personal number (070), not a mobile: it cannot be relied on to take a text");
        }
        if (national.startsWith("076") && !national.startsWith("07624")) {
            return Optional.of(shown(raw) + " is a UK pager number (076), not a mobile");
        }
        return Optional.empty();
    }

    /** The number as the MIS wrote it, quoted for an issue: made only for a number that has one. */
    private static String shown(String raw) {
        return IssueText.quote(raw.strip());
    }

    /** Whether the number is digits, after a leading + if it has one, and not empty. */
    private static boolean digitsAfterPlus(String number) {
        if (number.isEmpty()) {
            return false;
        }
        int from = number.startsWith("+") ? 1 : 0;
        for (int i = from; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
