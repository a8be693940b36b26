package org.misbridge.api;

import java.util.Locale;

/**
 * The roles of MIS Bridge's console and services, lowest first; each includes those below it, so an
 * admin may do what an operator may, and an operator what a viewer may.
 */
public enum Role {
    /** Reads: lists, status, health, members, dry runs. */
    VIEWER,
    /** Runs the school day: syncs, pauses, exceptions, hand edits, meal pushes. */
    OPERATOR,
    /** What cannot be undone or overrides a guard: forced syncs, deletions, anonymising, erasure. */
    ADMIN;

    /** The role principal's name in Karaf's users.properties: {@code viewer}, {@code operator}, {@code admin}. */
    public String principalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a user with this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
