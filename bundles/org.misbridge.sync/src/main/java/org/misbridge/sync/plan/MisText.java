package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;

/**
 * Fits a text value from the MIS to what the directory holds (issue 18, item 12): control
 * characters (NUL, newlines, tabs) become a space, bidirectional controls (U+202E…) are taken out,
 * and a value longer than its column is cut to fit. The value is imported that way and the caller
 * raises a data issue with {@link Fitted#problem}; an id cannot be changed like that, so a record
 * whose id does not fit is not imported ({@link #idProblem}).
 */
final class MisText {

    /** The directory's column sizes (the store's V1 migration), in characters. */
    static final int NAME = 255;
    static final int GROUP_NAME = 255;
    static final int YEAR_GROUP = 64;
    static final int REGISTRATION_GROUP = 64;
    static final int RELATIONSHIP = 128;
    /** A member id also keys the deletion queue and the deleted-member record, which hold 128. */
    static final int MEMBER_ID = 128;
    static final int PERSON_ID = 255;
    static final int GROUP_ID = 255;

    private MisText() {
    }

    /** A value as it is imported, and what was done to it (null when it was imported as the MIS has it). */
    record Fitted(String value, @Nullable String problem) {
    }

    static Fitted fit(String raw, int max) {
        int unsafe = UnsafeCharacters.firstUnsafe(raw);
        if (unsafe < 0 && raw.length() <= max) {
            return new Fitted(raw, null); // almost every value: asked for per member and contact
        }
        List<String> done = new ArrayList<>(2);
        String value = raw;
        if (unsafe >= 0) {
            value = withoutUnsafe(raw);
            done.add("contains " + (UnsafeCharacters.isBidiControl(unsafe) ? "a bidirectional control" : "a control character")
                    + " (" + UnsafeCharacters.describe(unsafe) + ")");
        }
        if (value.length() > max) {
            done.add("is " + value.length() + " characters long, more than the " + max + " the directory holds");
            int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
            value = value.substring(0, end);
        }
        if (done.isEmpty()) {
            return new Fitted(raw, null);
        }
        return new Fitted(value, IssueText.quote(raw) + " " + String.join(" and ", done) + "; imported as " + IssueText.quote(value));
    }

    /** Why a record with this id cannot be imported, or null when it can. */
    static @Nullable String idProblem(String id, int max) {
        int unsafe = UnsafeCharacters.firstUnsafe(id);
        if (unsafe >= 0) {
            return IssueText.quote(id) + " contains a control character (" + UnsafeCharacters.describe(unsafe) + ")";
        }
        if (id.length() > max) {
            return IssueText.quote(id) + " is " + id.length() + " characters long, more than the " + max + " the directory holds";
        }
        return null;
    }

    /** Bidirectional controls taken out; each run of other unsafe characters one space; then stripped. */
    private static String withoutUnsafe(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean spaced = false;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (UnsafeCharacters.isBidiControl(c)) {
                continue;
            }
            if (UnsafeCharacters.isUnsafe(c)) {
                if (!spaced) {
                    out.append(' ');
                    spaced = true;
                }
                continue;
            }
            out.appendCodePoint(c);
            spaced = false;
        }
        return out.toString().strip();
    }
}
