package org.misbridge.api.model;

/**
 * Whether a snapshot is the school's whole roll or only part of it. Only a whole roll may turn
 * absent members into leavers.
 */
public enum Coverage {
    WHOLE_ROLL,
    PARTIAL
}
