package org.misbridge.oneroster.provider.internal.query;

/** What a field of a OneRoster record holds, which decides how it is filtered, sorted and selected. */
public enum FieldType {
    STRING,
    /** A token from a vocabulary ({@code status}, {@code role}): compared as a string. */
    ENUM,
    /** {@code YYYY-MM-DD}. */
    DATE,
    /** ISO 8601 with a zone, e.g. {@code 2026-12-01T06:00:00Z}. */
    DATETIME,
    NUMBER,
    BOOLEAN,
    /** A list of strings ({@code grades}): a predicate holds when it holds for any element. */
    STRING_ARRAY,
    /** A GUIDRef or other object: its leaves are fields of their own ({@code class.sourcedId}). */
    OBJECT,
    /** A list of objects ({@code roles}, {@code agents}): their leaves are fields of their own. */
    OBJECT_ARRAY;

    /** A value a filter predicate can compare with. */
    public boolean filterable() {
        return this != OBJECT && this != OBJECT_ARRAY;
    }

    /** One value per record, so records can be put in its order. */
    public boolean scalar() {
        return filterable() && this != STRING_ARRAY;
    }

    /** Whether {@code ~} (contains) applies. */
    public boolean textual() {
        return this == STRING || this == ENUM || this == STRING_ARRAY;
    }

    /** Whether {@code > >= < <=} apply (booleans have no order). */
    public boolean ordered() {
        return filterable() && this != BOOLEAN;
    }
}
