package org.misbridge.api.model;

/** Where a student stands with the school. */
public enum EnrolmentState {
    ON_ROLL,
    PRE_ADMISSION,
    LEAVER
}
