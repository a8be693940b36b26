package org.misbridge.api.directory;

/** Headline counts of a school's directory, for status output and dashboards. */
public record SchoolCounts(
        long students,
        long staff,
        long preAdmissions,
        long leavers,
        long contacts,
        long primeParents,
        long groups,
        long dataIssues) {
}
