package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;

/**
 * The links one plan wants: of each imported student to the contacts the school's settings select
 * (priorities, parental responsibility, at most four adults), and the contacts they name. Adults
 * linked by hand or on the web keep their places among the four; a student with a prime parent
 * linked that way gets no prime from import (rule 3 with rule 7: Schoolcomms imports priority-1
 * contacts only for students without a linked prime parent). An opted-out student's contacts are
 * never imported.
 */
final class DesiredLinks {
    private final ImportSettings settings;
    private final Predicate<String> studentOptedOut;
    private final LeftOut leftOut;

    /**
     * @param studentOptedOut whether a student opted out of the school's messages
     * @param leftOut         where a link the settings leave out is counted, for the plan's notes
     */
    DesiredLinks(ImportSettings settings, Predicate<String> studentOptedOut, LeftOut leftOut) {
        this.settings = settings;
        this.studentOptedOut = studentOptedOut;
        this.leftOut = leftOut;
    }

    /**
     * The links; fills {@code people} with the contacts they name and {@code issues} with what
     * could not be imported.
     */
    List<Link> of(Snapshot snapshot, Map<String, Member> members, Map<String, LinkedPerson> people,
            DirectoryState current, List<DataIssue> issues) {
        Map<String, Contact> contacts = new HashMap<>(MapSizes.forEntries(snapshot.contacts().size()));
        snapshot.contacts().forEach(c -> contacts.put(c.id(), c));
        Map<String, Set<String>> handMadeAdults = new HashMap<>();
        Map<String, TreeSet<String>> handMadePrimes = new HashMap<>();
        for (Link l : current.links()) {
            if (l.origin() != Origin.IMPORT) {
                handMadeAdults.computeIfAbsent(l.memberId(), k -> new HashSet<>()).add(l.personId());
                if (l.prime()) {
                    handMadePrimes.computeIfAbsent(l.memberId(), k -> new TreeSet<>()).add(l.personId());
                }
            }
        }
        Set<String> badContactIds = new HashSet<>();
        Map<String, List<ContactLink>> byStudent = new LinkedHashMap<>(MapSizes.forEntries(snapshot.students().size()));
        for (ContactLink l : snapshot.links()) {
            Member m = members.get(l.studentId());
            if (m == null || m.kind() != MemberKind.STUDENT || !contacts.containsKey(l.contactId())
                    || studentOptedOut.test(l.studentId())) {
                continue; // an opted-out student's contacts are never imported
            }
            if (l.priority() > settings.maxPriority()) {
                continue;
            }
            if (!responsibilityAccepted(l.parentalResponsibility())) {
                leftOut.responsibility(l.parentalResponsibility());
                continue;
            }
            String badId = MisText.idProblem(l.contactId(), MisText.PERSON_ID);
            if (badId != null) {
                if (badContactIds.add(l.contactId())) { // one issue per contact, naming the first student it came with
                    issues.add(new DataIssue("invalid-id", l.studentId(), null, "contact id",
                            "contact id " + badId + "; the contact is not imported"));
                }
                continue;
            }
            byStudent.computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(l);
        }
        List<Link> links = new ArrayList<>(snapshot.links().size()); // sized once: grown, a large list is copied each time
        List<PersonText> personText = new ArrayList<>();
        for (List<ContactLink> forStudent : byStudent.values()) {
            // equal priorities are taken alike, in contact-id order: never in the order the MIS listed them
            forStudent.sort(Comparator.comparingInt(ContactLink::priority).thenComparing(ContactLink::contactId));
            String student = forStudent.get(0).studentId();
            // at most four adults a student: a list looks them up as fast as a set, without a table per student
            Set<String> byHand = handMadeAdults.get(student);
            List<String> seen = byHand == null ? new ArrayList<>(DirectoryEdits.MAX_ADULTS_PER_STUDENT) : new ArrayList<>(byHand);
            TreeSet<String> primeByHand = handMadePrimes.get(student);
            for (ContactLink l : forStudent) {
                if (seen.size() == DirectoryEdits.MAX_ADULTS_PER_STUDENT) {
                    break;
                }
                if (seen.contains(l.contactId())) {
                    continue; // linked by hand or on the web already, or listed twice
                }
                boolean prime = settings.primePriorities().contains(l.priority());
                if (prime && primeByHand != null) {
                    issues.add(new DataIssue("prime-parent-linked", student, l.contactId(), "prime parent",
                            "'" + l.contactId() + "' (priority " + l.priority() + " in the MIS) is not imported for '" + student
                                    + "': the student already has a prime parent linked by hand or on the web ('"
                                    + String.join("', '", primeByHand) + "'), and import brings in a prime parent only for"
                                    + " students without one. To take the MIS's contact instead, unlink '"
                                    + primeByHand.first() + "' (school:unlink)"));
                    continue;
                }
                seen.add(l.contactId());
                Contact c = contacts.get(l.contactId());
                if (!people.containsKey(c.id())) {
                    people.put(c.id(), new LinkedPerson(c.id(), personText(personText, c.id(), "given name", c.givenName()),
                            personText(personText, c.id(), "family name", c.familyName()), Origin.IMPORT));
                }
                String relationship = l.relationship() == null ? null
                        : new SyncPlanner.MemberText(student, l.contactId(), issues).fit("relationship", l.relationship(), MisText.RELATIONSHIP);
                links.add(new Link(student, l.contactId(), l.priority(), prime, relationship, l.parentalResponsibility(),
                        Origin.IMPORT));
            }
        }
        // a contact's own text issues name the student they are linked to, known once all links are
        Map<String, String> studentOf = personText.isEmpty() ? Map.of() : SyncPlanner.studentOf(links, List.of());
        personText.forEach(t -> issues.add(new DataIssue("invalid-text", studentOf.get(t.personId()), t.personId(), t.field(),
                t.field() + " " + t.problem())));
        return links;
    }

    /** A contact's text value that had to be fitted, waiting for the student its issue names. */
    private record PersonText(String personId, String field, String problem) {
    }

    private static String personText(List<PersonText> pending, String personId, String field, String raw) {
        MisText.Fitted fitted = MisText.fit(raw, MisText.NAME);
        if (fitted.problem() != null) {
            pending.add(new PersonText(personId, field, fitted.problem()));
        }
        return fitted.value();
    }

    private boolean responsibilityAccepted(ParentalResponsibility pr) {
        if (!settings.requireParentalResponsibility()) {
            return true;
        }
        return pr == ParentalResponsibility.YES || (pr == ParentalResponsibility.UNKNOWN && settings.unknownResponsibilityCounts());
    }
}
