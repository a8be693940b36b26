package org.misbridge.mis.oneroster.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * The encodings a school may declare for its OneRoster files ({@code oneroster.csv.encoding}): UTF-8 (the
 * default, as the specification asks) and the single-byte Western European ones that older UK MIS
 * exports use. Each writes the CSV syntax (commas, quotes, line breaks) as the ASCII bytes it is,
 * which the reader relies on to find rows before it decodes their fields.
 */
final class CsvEncoding {

    static final List<String> NAMES = List.of("UTF-8", "windows-1252", "ISO-8859-1", "ISO-8859-15");

    private CsvEncoding() {
    }

    /** The charset {@code name} names, refused with the names allowed when it is none of them. */
    static Charset of(String name) {
        String n = name == null ? "" : name.strip();
        try {
            if (!n.isEmpty()) {
                return check(Charset.forName(n));
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // refused below with the names that work
        }
        throw new IllegalArgumentException("oneroster.csv.encoding '" + n + "' is not one the reader takes; use one of " + NAMES);
    }

    static Charset check(Charset charset) {
        for (String name : NAMES) {
            if (Charset.forName(name).equals(charset)) {
                return charset;
            }
        }
        throw new IllegalArgumentException("oneroster.csv.encoding '" + charset.name().toLowerCase(Locale.ROOT)
                + "' is not one the reader takes; use one of " + NAMES);
    }
}
