package org.misbridge.api.model;

/** The admission application status of a pre-admission; custom MIS statuses map onto one of these. */
public enum ApplicationStatus {
    APPLIED,
    OFFERED,
    ACCEPTED,
    RESERVED,
    ADMITTED,
    REJECTED,
    WITHDRAWN
}
