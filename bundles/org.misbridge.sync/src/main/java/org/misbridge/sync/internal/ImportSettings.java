package org.misbridge.sync.internal;

import java.util.Set;

/**
 * A school's import rules, as its sync configuration sets them (DOMAIN.md, comms sync rules).
 *
 * @param importPreAdmissions import applicants with a future admission date (rule 1)
 * @param activeGroupsOnly import only groups the MIS marks active (rule 2)
 * @param primePriorities contact priorities that become prime parents (rule 3)
 * @param maxPriority the lowest priority imported at all; those not prime become non-prime
 * @param requireParentalResponsibility import only contacts with parental responsibility
 * @param unknownResponsibilityCounts whether an unknown responsibility (OneRoster) counts as having it
 * @param importEmails import email addresses located Home or Work (rule 4)
 * @param importMobiles import telephones of type Mobile (rule 4)
 */
public record ImportSettings(
        boolean importPreAdmissions,
        boolean activeGroupsOnly,
        Set<Integer> primePriorities,
        int maxPriority,
        boolean requireParentalResponsibility,
        boolean unknownResponsibilityCounts,
        boolean importEmails,
        boolean importMobiles) {

    /** At most this many adults are linked to one student (rule 7). */
    public static final int MAX_ADULTS_PER_STUDENT = 4;

    public ImportSettings {
        primePriorities = Set.copyOf(primePriorities);
        if (primePriorities.isEmpty()) {
            throw new IllegalArgumentException("contacts.primePriorities must name at least one priority");
        }
        int highestPrime = primePriorities.stream().max(Integer::compare).orElseThrow();
        if (maxPriority < highestPrime) {
            throw new IllegalArgumentException("contacts.maxPriority (" + maxPriority
                    + ") must be at least the lowest prime priority (" + highestPrime + ")");
        }
    }

    /** The defaults of the domain page: priority-1 contacts as prime parents, emails and mobiles on. */
    public static ImportSettings defaults() {
        return new ImportSettings(false, false, Set.of(1), 1, false, true, true, true);
    }
}
