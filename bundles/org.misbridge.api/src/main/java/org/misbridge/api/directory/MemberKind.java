package org.misbridge.api.directory;

/** Students and staff come from the MIS; other members (a coach, a governor) are added by hand. */
public enum MemberKind {
    STUDENT,
    STAFF,
    OTHER
}
