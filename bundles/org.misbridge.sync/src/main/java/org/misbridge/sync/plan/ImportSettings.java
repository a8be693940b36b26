package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * What these settings leave out entirely, for an operator to see when the school is configured:
     * requiring parental responsibility without counting "unknown" leaves out every contact of a
     * source that never states it (OneRoster).
     */
    public List<String> warnings() {
        if (requireParentalResponsibility && !unknownResponsibilityCounts) {
            return List.of("contacts.requireParentalResponsibility=true with contacts.unknownResponsibilityCounts=false"
                    + " imports no contact whose parental responsibility the MIS does not state; OneRoster never states it,"
                    + " so a school read from OneRoster gets no contacts at all (contacts.unknownResponsibilityCounts=true"
                    + " counts them)");
        }
        return List.of();
    }

    /** What these settings leave out on purpose (a kind of detail switched off), said once when the school is configured. */
    public List<String> choices() {
        List<String> out = new ArrayList<>();
        if (!importEmails) {
            out.add("no email address is imported (contacts.importEmails=false)");
        }
        if (!importMobiles) {
            out.add("no mobile is imported (contacts.importMobiles=false)");
        }
        return out;
    }

    /** The defaults of the domain page: priority-1 contacts as prime parents, emails and mobiles on. */
    public static ImportSettings defaults() {
        return new ImportSettings(false, false, Set.of(1), 1, false, true, true, true);
    }
}
