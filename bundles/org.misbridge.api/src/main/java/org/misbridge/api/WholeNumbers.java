package org.misbridge.api;

/**
 * Whole numbers typed as command arguments, in ASCII digits only: {@link Integer#parseInt} also
 * takes Arabic-Indic, Devanagari and other Unicode digits (and a leading {@code +}), which a person
 * reading the command line, an ACL or an audit record would not take for the number it becomes.
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /**
     * Reads {@code text} as a whole number from 0 to {@link Integer#MAX_VALUE}.
     *
     * @param what the argument's name, for the message
     * @throws IllegalArgumentException naming the argument and the text when it is not such a number
     */
    public static int parse(String text, String what) {
        String s = text.strip();
        boolean digits = !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(c -> c >= '0' && c <= '9');
        long value = digits ? Long.parseLong(s) : -1;
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number written in the digits 0-9");
        }
        return (int) value;
    }
}
