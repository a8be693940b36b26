package org.misbridge.mis.wonde.internal;

/**
 * The Wonde collections this reader pages through, each with the includes it asks for. Students,
 * pre-admissions and leavers share one include list so that all three map the same way.
 */
enum Endpoint {
    STUDENTS("students", Endpoint.STUDENT_INCLUDES),
    PRE_ADMISSIONS("students-pre-admission", Endpoint.STUDENT_INCLUDES),
    LEAVERS("students-leaver", Endpoint.STUDENT_INCLUDES),
    /** Only read on a delta, to see contact details that changed without their student changing. */
    CONTACTS("contacts", "contact_details"),
    EMPLOYEES("employees", "contact_details,employment_details"),
    GROUPS("groups", "students,employees"),
    CLASSES("classes", "students,employees"),
    /** Only read on a delta: records removed from Wonde never show up in {@code updated_after}. */
    DELETIONS("deletions", "");

    // education_details is where Wonde keeps admission and leaving dates (and the UPN for some MIS)
    static final String STUDENT_INCLUDES = "contacts,contacts.contact_details,year,classes,registration,education_details";

    private final String path;
    private final String includes;

    Endpoint(String path, String includes) {
        this.path = path;
        this.includes = includes;
    }

    /** The path below {@code /v1.0/schools/{id}/}. */
    String path() {
        return path;
    }

    /** The {@code include} parameter, empty for none. */
    String includes() {
        return includes;
    }
}
