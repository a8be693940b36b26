package org.misbridge.sync.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/**
 * Turns a snapshot into the change set that brings a school's directory in line with it, under the
 * school's import settings. Pure: no I/O, the same inputs always give the same change set, and a
 * second plan after applying the first is empty.
 */
final class SyncPlanner {

    private final ImportSettings settings;
    private final Set<String> deleted;
    private final LocalDate today;
    private final Set<Pause> paused;
    private final Set<OptOut> optOuts;

    SyncPlanner(ImportSettings settings, LocalDate today) {
        this(settings, today, Set.of(), Set.of());
    }

    /**
     * A planner that leaves the paused parts (contacts, groups) exactly as the directory has them,
     * and honours the school's opt-outs (rule 6).
     */
    SyncPlanner(ImportSettings settings, LocalDate today, Set<Pause> paused, Set<OptOut> optOuts) {
        this(settings, today, paused, optOuts, Set.of());
    }

    /** As above; members deleted as leavers stay deleted while the MIS lists them as leavers. */
    SyncPlanner(ImportSettings settings, LocalDate today, Set<Pause> paused, Set<OptOut> optOuts, Set<String> deleted) {
        this.deleted = Set.copyOf(deleted);
        this.settings = settings;
        this.today = today;
        this.paused = Set.copyOf(paused);
        this.optOuts = Set.copyOf(optOuts);
    }

    private boolean optedOut(OptOut.Kind kind, String id) {
        return optOuts.contains(new OptOut(kind, id));
    }

    ChangeSet plan(Snapshot snapshot, DirectoryState current) {
        List<DataIssue> issues = new ArrayList<>();
        Map<String, Member> members = desiredMembers(snapshot);
        Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
        var wantedMemberships = fork(() -> desiredGroups(snapshot, members, groups)); // reads members only
        Map<String, LinkedPerson> people = new LinkedHashMap<>();
        List<Link> links = desiredLinks(snapshot, members, people, handMadeAdults(current));
        List<ContactDetail> details = desiredDetails(snapshot, people, links, issues);
        List<GroupMembership> memberships = wantedMemberships.join();

        boolean wholeRoll = snapshot.coverage() == Coverage.WHOLE_ROLL;
        if (wholeRoll) {
            retainLeaversPeople(current, members.keySet(), people, links, details);
        }
        boolean contacts = !paused.contains(Pause.CONTACTS);
        boolean groupsToo = !paused.contains(Pause.GROUPS);
        if (!contacts) {
            // keep the details' data issues as they were: nothing about contacts was looked at
            issues.clear();
            current.dataIssues().stream().filter(i -> i.kind().startsWith("invalid-")).forEach(issues::add);
        }
        // blocked details stay (rule 8), and so does the issue each one raised
        current.details().stream().filter(ContactDetail::blocked)
                .forEach(d -> issues.add(DataIssue.blockedDetail(d.ownerId(), d.kind(), d.value())));
        // the tables' diffs are independent: the large ones run beside the rest (same result, less wall time)
        var memberDiff = fork(() -> diffMembers(current.members(), members.values(), wholeRoll));
        var detailDiff = fork(() -> contacts ? diffDetails(current.details(), details, wholeRoll) : Changes.<ContactDetail>none());
        var membershipDiff = fork(() -> groupsToo
                ? Differ.diff(current.memberships(), memberships, membershipOrigin(current), wholeRoll)
                : Changes.<GroupMembership>none());
        Changes<LinkedPerson> peopleDiff = contacts
                ? Differ.diff(current.people(), people.values(), LinkedPerson::origin, wholeRoll) : Changes.none();
        Changes<Link> linkDiff = contacts ? Differ.diff(current.links(), links, Link::origin, wholeRoll) : Changes.none();
        Changes<DirectoryGroup> groupDiff = groupsToo
                ? Differ.diff(current.groups(), groups.values(), DirectoryGroup::origin, wholeRoll) : Changes.none();
        return new ChangeSet(memberDiff.join(), peopleDiff, linkDiff, detailDiff.join(), groupDiff, membershipDiff.join(),
                issues);
    }

    private static <T> java.util.concurrent.ForkJoinTask<T> fork(java.util.concurrent.Callable<T> diff) {
        return java.util.concurrent.ForkJoinPool.commonPool().submit(diff);
    }

    /**
     * Members missing from a whole roll become leavers and stay until deleted, so their links,
     * linked people and those people's details stay too.
     */
    private static void retainLeaversPeople(DirectoryState current, Set<String> inSnapshot,
            Map<String, LinkedPerson> people, List<Link> links, List<ContactDetail> details) {
        Set<String> absent = new HashSet<>();
        current.members().stream().filter(m -> m.origin() == Origin.IMPORT && !inSnapshot.contains(m.id()))
                .forEach(m -> absent.add(m.id()));
        if (absent.isEmpty()) {
            return;
        }
        Map<String, LinkedPerson> currentPeople = Differ.index(current.people());
        Set<String> keptLinks = new HashSet<>();
        links.forEach(l -> keptLinks.add(l.key()));
        Set<String> newlyKept = new HashSet<>();
        for (Link l : current.links()) {
            if (l.origin() == Origin.IMPORT && absent.contains(l.memberId()) && keptLinks.add(l.key())) {
                links.add(l);
                LinkedPerson p = currentPeople.get(l.personId());
                if (p != null && !people.containsKey(p.id())) {
                    people.put(p.id(), p);
                    newlyKept.add(p.id());
                }
            }
        }
        Set<String> keptDetails = new HashSet<>();
        details.forEach(d -> keptDetails.add(d.key()));
        for (ContactDetail d : current.details()) {
            if ((newlyKept.contains(d.ownerId()) || absent.contains(d.ownerId())) && keptDetails.add(d.key())) {
                details.add(d);
            }
        }
    }

    private Map<String, Member> desiredMembers(Snapshot snapshot) {
        Map<String, Member> members = new LinkedHashMap<>();
        java.util.function.Predicate<Member> deletedLeaver = m -> m.state() == EnrolmentState.LEAVER && deleted.contains(m.id());
        for (Student s : snapshot.students()) {
            Enrolment e = s.enrolment();
            EnrolmentState state = e.state();
            if (state == EnrolmentState.PRE_ADMISSION) {
                boolean wanted = settings.importPreAdmissions()
                        && e.admissionDate() != null && e.admissionDate().isAfter(today)
                        && PreAdmissions.importable(e.applicationStatus());
                if (!wanted) {
                    continue;
                }
            } else if (state == EnrolmentState.ON_ROLL && e.admissionDate() != null && e.admissionDate().isAfter(today)) {
                continue; // a student entered with a future start date appears from that date (rule 1)
            }
            LocalDate leaving = e.leavingDate();
            if (state == EnrolmentState.ON_ROLL && leaving != null && leaving.isBefore(today)) {
                state = EnrolmentState.LEAVER; // the leaving date has passed (rule 10)
            } else if (state == EnrolmentState.ON_ROLL) {
                leaving = null; // a planned leaving date is not a leaver yet
            }
            members.put(s.id(), new Member(s.id(), MemberKind.STUDENT, s.givenName(), s.familyName(),
                    s.yearGroup(), s.registrationGroup(), state, e.applicationStatus(), e.admissionDate(),
                    leaving, Origin.IMPORT));
        }
        for (Staff st : snapshot.staff()) {
            LocalDate leaving = st.leavingDate();
            boolean left = leaving != null && leaving.isBefore(today);
            members.putIfAbsent(st.id(), new Member(st.id(), MemberKind.STAFF, st.givenName(), st.familyName(),
                    null, null, left ? EnrolmentState.LEAVER : EnrolmentState.ON_ROLL, null, null,
                    left ? leaving : null, Origin.IMPORT));
        }
        members.values().removeIf(deletedLeaver); // deleted on purpose: only a return to the roll brings them back
        return members;
    }

    /**
     * A membership belongs to import only when both its group and its member came from import; one
     * in a custom group, or of a member added by hand, is the school's own (rule 7).
     */
    private static java.util.function.Function<GroupMembership, Origin> membershipOrigin(DirectoryState current) {
        Set<String> handMadeGroups = new HashSet<>();
        Set<String> handMadeMembers = new HashSet<>();
        current.groups().stream().filter(g -> g.origin() != Origin.IMPORT).forEach(g -> handMadeGroups.add(g.id()));
        current.members().stream().filter(m -> m.origin() != Origin.IMPORT).forEach(m -> handMadeMembers.add(m.id()));
        return m -> handMadeGroups.contains(m.groupId()) || handMadeMembers.contains(m.memberId())
                ? Origin.MANUAL : Origin.IMPORT;
    }

    /** The people linked to each student by hand or by web registration; they take places among the four adults. */
    private static Map<String, Set<String>> handMadeAdults(DirectoryState current) {
        Map<String, Set<String>> byStudent = new HashMap<>();
        current.links().stream().filter(l -> l.origin() != Origin.IMPORT)
                .forEach(l -> byStudent.computeIfAbsent(l.memberId(), k -> new HashSet<>()).add(l.personId()));
        return byStudent;
    }

    /** Links of imported students to the contacts the strategy selects; fills {@code people} with those contacts. */
    private List<Link> desiredLinks(Snapshot snapshot, Map<String, Member> members, Map<String, LinkedPerson> people,
            Map<String, Set<String>> handMadeAdults) {
        Map<String, Contact> contacts = new HashMap<>();
        snapshot.contacts().forEach(c -> contacts.put(c.id(), c));
        Map<String, List<ContactLink>> byStudent = new LinkedHashMap<>();
        for (ContactLink l : snapshot.links()) {
            Member m = members.get(l.studentId());
            if (m == null || m.kind() != MemberKind.STUDENT || !contacts.containsKey(l.contactId())
                    || optedOut(OptOut.Kind.STUDENT, l.studentId())) {
                continue; // an opted-out student's contacts are never imported
            }
            if (l.priority() > settings.maxPriority() || !responsibilityAccepted(l.parentalResponsibility())) {
                continue;
            }
            byStudent.computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(l);
        }
        List<Link> links = new ArrayList<>();
        for (List<ContactLink> forStudent : byStudent.values()) {
            forStudent.sort(Comparator.comparingInt(ContactLink::priority).thenComparing(ContactLink::contactId));
            // adults linked by hand or on the web keep their places; import fills the rest up to four
            Set<String> seen = new HashSet<>(handMadeAdults.getOrDefault(forStudent.get(0).studentId(), Set.of()));
            for (ContactLink l : forStudent) {
                if (seen.size() == ImportSettings.MAX_ADULTS_PER_STUDENT) {
                    break;
                }
                if (!seen.add(l.contactId())) {
                    continue;
                }
                Contact c = contacts.get(l.contactId());
                people.putIfAbsent(c.id(), new LinkedPerson(c.id(), c.givenName(), c.familyName(), Origin.IMPORT));
                links.add(new Link(l.studentId(), l.contactId(), l.priority(),
                        settings.primePriorities().contains(l.priority()), l.relationship(),
                        l.parentalResponsibility(), Origin.IMPORT));
            }
        }
        return links;
    }

    private boolean responsibilityAccepted(ParentalResponsibility pr) {
        if (!settings.requireParentalResponsibility()) {
            return true;
        }
        return pr == ParentalResponsibility.YES || (pr == ParentalResponsibility.UNKNOWN && settings.unknownResponsibilityCounts());
    }

    private List<ContactDetail> desiredDetails(Snapshot snapshot, Map<String, LinkedPerson> people, List<Link> links,
            List<DataIssue> issues) {
        Map<String, String> firstStudentOf = new HashMap<>();
        links.forEach(l -> firstStudentOf.putIfAbsent(l.personId(), l.memberId()));
        Map<String, ContactDetail> details = new LinkedHashMap<>();
        for (Contact c : snapshot.contacts()) {
            if (!people.containsKey(c.id()) || optedOut(OptOut.Kind.CONTACT, c.id())) {
                continue; // an opted-out contact keeps no details
            }
            String student = firstStudentOf.get(c.id());
            if (settings.importEmails()) {
                for (Email e : c.emails()) {
                    if (e.location() == EmailLocation.HOME || e.location() == EmailLocation.WORK) {
                        addEmail(details, issues, c.id(), student, e.address());
                    }
                }
            }
            if (settings.importMobiles()) {
                for (Telephone t : c.telephones()) {
                    if (t.type() == TelephoneType.MOBILE) {
                        addMobile(details, issues, c.id(), student, t.number());
                    }
                }
            }
        }
        for (Staff st : snapshot.staff()) {
            if (settings.importEmails() && st.email() != null && !st.email().isBlank()) {
                addEmail(details, issues, st.id(), st.id(), st.email());
            }
            if (settings.importMobiles() && st.mobile() != null && !st.mobile().isBlank()) {
                addMobile(details, issues, st.id(), st.id(), st.mobile());
            }
        }
        return new ArrayList<>(details.values());
    }

    private static void addEmail(Map<String, ContactDetail> details, List<DataIssue> issues, String owner,
            String member, String raw) {
        String email = DetailRules.normaliseEmail(raw);
        addChecked(details, issues, owner, member, DetailKind.EMAIL, email, DetailRules.emailProblem(email));
    }

    private static void addMobile(Map<String, ContactDetail> details, List<DataIssue> issues, String owner,
            String member, String raw) {
        String mobile = DetailRules.normaliseMobile(raw);
        addChecked(details, issues, owner, member, DetailKind.MOBILE, mobile, DetailRules.mobileProblem(mobile));
    }

    /** A valid detail is kept (once); an invalid one becomes a data issue "invalid-email" or "invalid-mobile". */
    private static void addChecked(Map<String, ContactDetail> details, List<DataIssue> issues, String owner,
            String member, DetailKind kind, String value, java.util.Optional<String> problem) {
        String field = kind.name().toLowerCase(java.util.Locale.ROOT);
        problem.ifPresentOrElse(
                why -> issues.add(new DataIssue("invalid-" + field, member, owner, field, why)),
                () -> {
                    ContactDetail detail = new ContactDetail(owner, kind, value, false, Origin.IMPORT);
                    details.putIfAbsent(detail.key(), detail);
                });
    }

    private List<GroupMembership> desiredGroups(Snapshot snapshot, Map<String, Member> members,
            Map<String, DirectoryGroup> groups) {
        List<GroupMembership> memberships = new ArrayList<>();
        for (Group g : snapshot.groups()) {
            if (settings.activeGroupsOnly() && !g.active()) {
                continue;
            }
            groups.put(g.id(), new DirectoryGroup(g.id(), g.name(), g.kind(), g.active(), Origin.IMPORT));
            g.memberIds().stream().filter(members::containsKey).sorted()
                    .forEach(id -> memberships.add(new GroupMembership(g.id(), id)));
        }
        return memberships;
    }

    /** Imported members absent from a whole roll become leavers (from today), never silently removed. */
    private Changes<Member> diffMembers(List<Member> current, java.util.Collection<Member> desired, boolean wholeRoll) {
        Changes<Member> plain = Differ.diff(current, desired, Member::origin, false);
        if (!wholeRoll) {
            return plain;
        }
        Map<String, Member> wanted = Differ.index(desired);
        List<Member> updated = new ArrayList<>(plain.updated());
        for (Member have : current) {
            if (have.origin() == Origin.IMPORT && !wanted.containsKey(have.id()) && have.state() != EnrolmentState.LEAVER) {
                updated.add(have.withState(EnrolmentState.LEAVER, today));
            }
        }
        return new Changes<>(plain.created(), updated, List.of());
    }

    /** A blocked detail is kept as it is: import neither unblocks it nor removes it (rule 8). */
    private static Changes<ContactDetail> diffDetails(List<ContactDetail> current, List<ContactDetail> desired,
            boolean wholeRoll) {
        List<ContactDetail> wanted = desired;
        if (current.stream().anyMatch(ContactDetail::blocked)) { // rare: most schools have none
            Map<String, ContactDetail> have = Differ.index(current);
            wanted = new ArrayList<>(desired.size());
            for (ContactDetail d : desired) {
                ContactDetail existing = have.get(d.key());
                wanted.add(existing != null && existing.blocked() ? existing : d);
            }
        }
        Changes<ContactDetail> plain = Differ.diff(current, wanted, ContactDetail::origin, wholeRoll);
        List<ContactDetail> removed = plain.removed().stream().filter(d -> !d.blocked()).toList();
        return new Changes<>(plain.created(), plain.updated(), removed);
    }
}
