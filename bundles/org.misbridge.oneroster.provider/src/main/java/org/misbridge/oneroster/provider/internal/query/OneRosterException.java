package org.misbridge.oneroster.provider.internal.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request the provider refuses, carrying what the response needs: the HTTP status and the
 * {@code imsx_StatusInfo} payload (codeMajor {@code failure}, severity {@code error}, one codeMinor).
 * In 1.2 a successful response carries no status information, so a problem is never a warning on
 * a 200: it is one of these.
 */
public final class OneRosterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The name the binding's examples give the system reporting a codeMinor. */
    static final String CODE_MINOR_FIELD_NAME = "TargetEndSystem";

    private final int httpStatus;
    private final CodeMinor codeMinor;

    public OneRosterException(int httpStatus, CodeMinor codeMinor, String description) {
        super(Objects.requireNonNull(description, "description"));
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error has a 4xx or 5xx status, was " + httpStatus);
        }
        this.httpStatus = httpStatus;
        this.codeMinor = Objects.requireNonNull(codeMinor, "codeMinor");
    }

    public OneRosterException(CodeMinor codeMinor, String description) {
        this(codeMinor.httpStatus(), codeMinor, description);
    }

    public static OneRosterException badFilter(String description) {
        return new OneRosterException(CodeMinor.INVALID_FILTER_FIELD, description);
    }

    public static OneRosterException badSelection(String description) {
        return new OneRosterException(CodeMinor.INVALID_SELECTION_FIELD, description);
    }

    public static OneRosterException badSort(String description) {
        return new OneRosterException(CodeMinor.INVALID_SORT_FIELD, description);
    }

    public static OneRosterException badData(String description) {
        return new OneRosterException(CodeMinor.INVALIDDATA, description);
    }

    /** Well-formed, but the data cannot be processed (HTTP 422). */
    public static OneRosterException unprocessable(String description) {
        return new OneRosterException(422, CodeMinor.INVALIDDATA, description);
    }

    public static OneRosterException unauthorised(String description) {
        return new OneRosterException(CodeMinor.UNAUTHORISEDREQUEST, description);
    }

    public static OneRosterException forbidden(String description) {
        return new OneRosterException(CodeMinor.FORBIDDEN, description);
    }

    public static OneRosterException unknownObject(String collection, String sourcedId) {
        return new OneRosterException(CodeMinor.UNKNOWNOBJECT, "no " + collection + " record has sourcedId " + sourcedId);
    }

    public static OneRosterException busy(String description) {
        return new OneRosterException(CodeMinor.SERVER_BUSY, description);
    }

    /** A fault of ours: the description says only that, never the cause (which goes to the log). */
    public static OneRosterException internal() {
        return new OneRosterException(CodeMinor.INTERNAL_SERVER_ERROR, "the server could not answer this request");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public CodeMinor codeMinor() {
        return codeMinor;
    }

    /** The {@code imsx_StatusInfo} object, ready for a JSON writer. */
    public Map<String, Object> statusInfo() {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("imsx_codeMinorFieldName", CODE_MINOR_FIELD_NAME);
        field.put("imsx_codeMinorFieldValue", codeMinor.wire());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("imsx_codeMajor", "failure");
        info.put("imsx_severity", "error");
        info.put("imsx_description", getMessage());
        info.put("imsx_CodeMinor", Map.of("imsx_codeMinorField", List.of(field)));
        return info;
    }
}
