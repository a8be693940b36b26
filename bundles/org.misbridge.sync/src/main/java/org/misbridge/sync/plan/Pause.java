package org.misbridge.sync.plan;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.misbridge.api.SettingLists;

/** The parts of a school's sync an operator can pause: all of it, or contacts, groups or the meal export. */
public enum Pause {
    ALL,
    CONTACTS,
    GROUPS,
    MEALS;

    /** Reads the configuration's {@code pause} values; an unknown one is a configuration error. */
    public static Set<Pause> parse(String[] values) {
        Set<Pause> parts = EnumSet.noneOf(Pause.class);
        for (String part : SettingLists.entries("pause", values, "parts to pause, comma-separated: "
                + String.join(", ", names(EnumSet.allOf(Pause.class))))) {
            try {
                parts.add(Pause.valueOf(part.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pause '" + part + "' is not one of " + names(EnumSet.allOf(Pause.class)), e);
            }
        }
        return parts;
    }

    public static Set<String> names(Set<Pause> parts) {
        return parts.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code part} names a part (all, contacts, groups, meals). */
    public static boolean isKnown(String part) {
        return Arrays.stream(values()).anyMatch(p -> p.toString().equals(part));
    }
}
