package org.misbridge.api.model;

/** Where a student stands with the school. */
public enum EnrolmentState {
    ON_ROLL,
    PRE_ADMISSION,
    LEAVER;

    /**
     * Whether a child in this state is staying (on roll or pre-admissions): the one place of the
     * DOMAIN rule "children staying", by which a parent's wallet stays open.
     */
    public boolean staying() {
        return this != LEAVER;
    }
}
