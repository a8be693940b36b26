package org.misbridge.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list-valued configuration setting whichever way it arrives: as the one comma-separated
 * string a {@code .cfg} file gives ({@code contacts.primePriorities=1,2}), or as a typed array or
 * list that DS hands a {@code String[]} attribute element by element. A bad value is refused with
 * the key and what is expected, never with a bare {@code NumberFormatException}.
 */
public final class SettingLists {

    private SettingLists() {
    }

    /**
     * The entries of the setting, each value split at commas and trimmed.
     *
     * @param expected what the setting takes, for the message, e.g. "part names (all, contacts)"
     * @throws IllegalArgumentException naming the key when an entry between commas is empty
     */
    public static List<String> entries(String key, String[] values, String expected) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            String[] parts = value.split(",", -1);
            for (String part : parts) {
                String entry = part.strip();
                if (entry.isEmpty() && (parts.length > 1 || values.length > 1)) {
                    throw new IllegalArgumentException(key + ": '" + value.strip() + "' has an empty entry; expected "
                            + expected);
                }
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /**
     * Whole numbers from 1, at least one.
     *
     * @param expected what the setting takes, for the message
     * @throws IllegalArgumentException naming the key, the bad entry and what is expected
     */
    public static List<Integer> positiveIntegers(String key, String[] values, String expected) {
        List<Integer> numbers = new ArrayList<>();
        for (String entry : entries(key, values, expected)) {
            // ASCII digits only: Integer.parseInt would also take other scripts' digits and a sign
            if (!entry.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(key + ": '" + entry + "' is not a whole number; expected " + expected);
            }
            int n;
            try {
                n = Integer.parseInt(entry);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + entry + "' is too large; expected " + expected, e);
            }
            if (n < 1) {
                throw new IllegalArgumentException(key + ": '" + entry + "' is not a whole number from 1; expected " + expected);
            }
            numbers.add(n);
        }
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException(key + " is empty; expected " + expected);
        }
        return numbers;
    }
}
