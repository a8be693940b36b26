package org.misbridge.sync.command;

import org.misbridge.api.directory.DetailKind;
import org.misbridge.sync.plan.DetailRules;

/** An email address or mobile number typed by an operator: an @ makes it an email. */
final class DetailArgument {

    private DetailArgument() {
    }

    static DetailKind kindOf(String value) {
        return value.contains("@") ? DetailKind.EMAIL : DetailKind.MOBILE;
    }

    /** Typed values are matched as the import stores them. */
    static String normalise(String value) {
        return kindOf(value) == DetailKind.EMAIL ? DetailRules.normaliseEmail(value) : DetailRules.normaliseMobile(value);
    }
}
