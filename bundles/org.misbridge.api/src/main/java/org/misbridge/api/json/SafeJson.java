package org.misbridge.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;

/**
 * The one JSON factory for what MIS Bridge prints or serves: Jackson's escapes, and {@code \}{@code uXXXX} for DEL
 * and every character {@link UnsafeCharacters} names (C1 controls, U+2028/U+2029, which end a line for JavaScript
 * and some line-based tools, the bidirectional overrides that reorder what a terminal shows, unpaired surrogates).
 * A parser reads the same value back; a terminal or a {@code grep} of the output sees only printable ASCII
 * where a MIS sent such characters. Use it as {@code new ObjectMapper(SafeJson.factory())}.
 */
public final class SafeJson {

    private static final CharacterEscapes ESCAPES = new Escapes();

    private SafeJson() {
    }

    /** A new factory whose generators escape as above. */
    public static JsonFactory factory() {
        return new JsonFactory().setCharacterEscapes(ESCAPES);
    }

    /** The escapes alone, for a factory made elsewhere. */
    public static CharacterEscapes escapes() {
        return ESCAPES;
    }

    private static final class Escapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        Escapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            return UnsafeCharacters.isUnsafe(ch) ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
        }
    }
}
