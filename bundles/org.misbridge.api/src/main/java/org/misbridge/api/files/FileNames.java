package org.misbridge.api.files;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a file name typed by an operator may be: a name, never a path. One to 128 ASCII letters,
 * digits, '.', '-' and '_', starting with a letter or digit (so no hidden file, no "..", nothing an
 * option parser takes for a flag), with no separator of any platform.
 */
public final class FileNames {

    /** The rule, for messages and docs. */
    public static final String RULE = "1-128 of A-Z, a-z, 0-9, '.', '-', '_', starting with a letter or digit, no '..'";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private FileNames() {
    }

    /**
     * {@code name}, with {@code extension} added unless it already ends with it (ignoring case).
     *
     * @throws IllegalArgumentException naming the rule the name breaks
     */
    public static String requirePlain(String name, String extension) {
        String plain = requirePlain(name);
        String withExtension = plain.toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT))
                ? plain : plain + extension;
        return requirePlain(withExtension);
    }

    /** {@code name} itself when it is a plain file name; otherwise an exception naming what is wrong. */
    public static String requirePlain(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("give a file name (" + RULE + ")");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + printable(name) + "' is a path: give a file name only (" + RULE
                    + "); it is written into the export folder");
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException("'" + printable(name) + "' contains '..': give a plain file name (" + RULE + ")");
        }
        if (!PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + printable(name) + "' is not a plain file name (" + RULE + ")");
        }
        return name;
    }

    /** The name as it can be shown in a message: anything but printable ASCII as \\uXXXX, at most 80 characters. */
    static String printable(String name) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length() && s.length() < 80; i++) {
            char c = name.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return name.length() > 80 ? s + "…" : s.toString();
    }
}
