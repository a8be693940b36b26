package org.misbridge.api.model;

/** A part of a snapshot that a reader may fail to read on its own. */
public enum Area {
    STUDENTS,
    STAFF,
    CONTACTS,
    GROUPS
}
