package org.misbridge.api.directory;

/** The channels a contact detail can reach. */
public enum DetailKind {
    EMAIL,
    MOBILE
}
