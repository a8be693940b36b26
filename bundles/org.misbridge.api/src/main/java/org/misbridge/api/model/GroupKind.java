package org.misbridge.api.model;

/** What a group is in the school's organisation. */
public enum GroupKind {
    CLASS,
    REGISTRATION,
    YEAR,
    OTHER
}
