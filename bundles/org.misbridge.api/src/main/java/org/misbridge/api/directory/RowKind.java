package org.misbridge.api.directory;

/**
 * The kinds of directory row the {@link org.misbridge.api.ChangeLog} records, and what a
 * {@link RowChange}'s {@code id} and {@code otherId} name for each.
 */
public enum RowKind {
    /** A member: {@code id} is the member's id. */
    MEMBER,
    /** A linked person: {@code id} is the person's id. */
    PERSON,
    /** A group: {@code id} is the group's id. */
    GROUP,
    /** A member in a group: {@code id} is the group's id, {@code otherId} the member's. */
    MEMBERSHIP,
    /** A link of a student to an adult: {@code id} is the member's id, {@code otherId} the person's. */
    LINK,
    /**
     * Some email or mobile of one owner (a member or linked person): {@code id} is the owner's id. It
     * is deleted when the owner's last change of a detail removed one.
     */
    DETAILS
}
