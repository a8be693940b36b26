package org.misbridge.api.model;

/**
 * Whether a contact has parental responsibility for a student. {@link #UNKNOWN} is a value of its
 * own: OneRoster never says, Wonde and CTF do.
 */
public enum ParentalResponsibility {
    YES,
    NO,
    UNKNOWN
}
