package org.misbridge.api.directory;

/** The two kinds of directory member that come from the MIS. */
public enum MemberKind {
    STUDENT,
    STAFF
}
