package org.misbridge.sync.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks an email or mobile before import; a failed check becomes a data issue, not a stored detail. */
public final class DetailRules {

    // Deliberately simple: one @, no spaces, a dot in the domain. Real checks happen at delivery.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    // E.164 allows at most 15 digits; national numbers shorter than 10 digits cannot be mobiles.
    private static final int MIN_DIGITS = 10;
    private static final int MAX_DIGITS = 15;
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
        return EMAIL.matcher(email).matches() ? Optional.empty() : Optional.of("'" + email + "' is not a valid email address");
    }

    /** The number without spaces, dashes, dots or brackets; a leading + is kept. */
    public static String normaliseMobile(String raw) {
        // a loop, not replaceAll: this runs for every mobile of every sync
        String trimmed = raw.trim();
        StringBuilder kept = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char ch = trimmed.charAt(i);
            boolean separator = switch (ch) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r', '-', '(', ')', '.' -> true;
                default -> false;
            };
            if (!separator) {
                kept.append(ch);
            }
        }
        return kept.length() == trimmed.length() ? trimmed : kept.toString();
    }

    /** Why the mobile cannot be imported, or empty when it can. */
    static Optional<String> mobileProblem(String mobile) {
        String digits = mobile.startsWith("+") ? mobile.substring(1) : mobile;
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            return Optional.of("'" + mobile + "' contains characters other than digits");
        }
        String national = mobile.startsWith("+44") ? "0" + mobile.substring(3) : mobile;
        if (national.startsWith("07")) {
            // a UK mobile is 07 and nine more digits
            if (national.length() != UK_MOBILE_DIGITS) {
                return Optional.of("'" + mobile + "' has too " + (national.length() > UK_MOBILE_DIGITS ? "many" : "few")
                        + " digits for a UK mobile (" + national.length() + ", expected " + UK_MOBILE_DIGITS + ")");
            }
            return Optional.empty();
        }
        if (digits.length() > MAX_DIGITS) {
            return Optional.of("'" + mobile + "' has too many digits (" + digits.length() + ", at most " + MAX_DIGITS + ")");
        }
        if (digits.length() < MIN_DIGITS) {
            return Optional.of("'" + mobile + "' has too few digits (" + digits.length() + ", at least " + MIN_DIGITS + ")");
        }
        return Optional.empty();
    }
}
