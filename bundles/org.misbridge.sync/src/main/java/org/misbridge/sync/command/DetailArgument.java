package org.misbridge.sync.command;

import org.misbridge.api.directory.DetailKind;

/** An email address or mobile number typed by an operator: an @ makes it an email. */
final class DetailArgument {

    private DetailArgument() {
    }

    static DetailKind kindOf(String value) {
        return value.contains("@") ? DetailKind.EMAIL : DetailKind.MOBILE;
    }

    /** Mobiles are stored without spaces, dashes or brackets, so match them the same way. */
    static String normalise(String value) {
        String trimmed = value.trim();
        return kindOf(trimmed) == DetailKind.EMAIL ? trimmed : trimmed.replaceAll("[\\s\\-().]", "");
    }
}
