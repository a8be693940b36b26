package org.misbridge.store.jdbc.internal;

import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;

/**
 * The last guard on free text the store writes (run messages, data issues), which may quote what
 * an MIS or a remote answer sent: control characters escaped (PostgreSQL refuses NUL in text) and
 * the text cut to its column, so recording why a sync failed can never fail itself.
 */
final class StoredText {

    static final int RUN_MESSAGE = 4000;
    static final int ISSUE_REASON = 2000;
    static final int ISSUE_ID = 255;
    static final int ISSUE_FIELD = 128;

    private StoredText() {
    }

    static @Nullable String fit(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        String escaped = UnsafeCharacters.escape(text);
        if (escaped.length() <= max) {
            return escaped;
        }
        int end = Character.isHighSurrogate(escaped.charAt(max - 2)) ? max - 2 : max - 1;
        return escaped.substring(0, end) + "…";
    }
}
