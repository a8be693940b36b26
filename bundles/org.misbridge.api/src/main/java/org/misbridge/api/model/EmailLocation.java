package org.misbridge.api.model;

/** Where an email address is used; only HOME and WORK count for comms by default. */
public enum EmailLocation {
    HOME,
    WORK,
    OTHER
}
