package org.misbridge.sync.plan;

import org.misbridge.api.UnsafeCharacters;

/**
 * How a data issue quotes a value from the MIS: with its control and bidirectional characters
 * escaped, so none reaches the store or a terminal raw, and cut to a length a table can show.
 */
final class IssueText {

    /** The most of a value a reason quotes. */
    static final int QUOTED = 100;

    private IssueText() {
    }

    /** The value in quotes, escaped, and cut after {@value #QUOTED} characters with an ellipsis. */
    static String quote(String value) {
        String escaped = UnsafeCharacters.escape(value);
        if (escaped.length() <= QUOTED) {
            return "'" + escaped + "'";
        }
        int end = Character.isHighSurrogate(escaped.charAt(QUOTED - 1)) ? QUOTED - 1 : QUOTED;
        return "'" + escaped.substring(0, end) + "…'";
    }
}
