package org.misbridge.oneroster.provider.internal.query;

import java.util.Locale;

/**
 * The codeMinor values of the OneRoster 1.2 rostering REST binding that a read-only provider
 * answers with, each with its HTTP status. The binding's enumeration also has {@code deletefailure}
 * and {@code unsupported}, which concern writes; 1.1's {@code invalid_blank_selection_field} is not
 * in the 1.2 enumeration, so a blank {@code fields} is an {@link #INVALID_SELECTION_FIELD}.
 */
public enum CodeMinor {
    FULLSUCCESS(200),
    INVALID_FILTER_FIELD(400),
    INVALID_SELECTION_FIELD(400),
    INVALID_SORT_FIELD(400),
    /** A parameter that is not a field (limit, offset) with a value out of range: 400, or 422 for well-formed but unusable data. */
    INVALIDDATA(400),
    UNAUTHORISEDREQUEST(401),
    FORBIDDEN(403),
    UNKNOWNOBJECT(404),
    SERVER_BUSY(429),
    INTERNAL_SERVER_ERROR(500);

    private final int httpStatus;

    CodeMinor(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The status this value goes with unless the error says otherwise (422 for {@link #INVALIDDATA}). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The value as the payload spells it, e.g. {@code invalid_filter_field}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
