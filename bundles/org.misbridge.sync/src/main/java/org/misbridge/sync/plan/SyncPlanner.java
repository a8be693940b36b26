package org.misbridge.sync.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryBlock;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;

/**
 * Turns a snapshot into the change set that brings a school's directory in line with it, under the
 * school's import settings. Pure: no I/O, the same inputs always give the same change set, and a
 * second plan after applying the first is empty. One planner plans one sync: {@link #notes()} then
 * says what the settings left out.
 */
public final class SyncPlanner {

    private final ImportSettings settings;
    private final Set<String> deleted;
    private final LocalDate today;
    private final Set<Pause> paused;
    private final Set<OptOut> optOuts;
    private final Map<String, Set<DeliveryFeedback>> blocks = new HashMap<>();
    private final LeftOut leftOut = new LeftOut();
    private @Nullable String inputs;

    public SyncPlanner(ImportSettings settings, LocalDate today) {
        this(settings, today, Set.of(), Set.of());
    }

    /**
     * A planner that leaves the paused parts (contacts, groups) exactly as the directory has them,
     * and honours the school's opt-outs (rule 6).
     */
    public SyncPlanner(ImportSettings settings, LocalDate today, Set<Pause> paused, Set<OptOut> optOuts) {
        this(settings, today, paused, optOuts, Set.of(), List.of());
    }

    /**
     * As above; members deleted as leavers stay deleted while the MIS lists them as leavers, and a
     * detail whose value delivery feedback has blocked is imported blocked (rule 8).
     */
    public SyncPlanner(ImportSettings settings, LocalDate today, Set<Pause> paused, Set<OptOut> optOuts, Set<String> deleted,
            List<DeliveryBlock> blocked) {
        this.deleted = Set.copyOf(deleted);
        this.settings = settings;
        this.today = today;
        this.paused = Set.copyOf(paused);
        this.optOuts = Set.copyOf(optOuts);
        blocked.forEach(b -> blocks.put(DesiredDetails.blockKey(b.kind(), b.value()), b.causes()));
    }

    private boolean optedOut(OptOut.Kind kind, String id) {
        return optOuts.contains(new OptOut(kind, id));
    }

    /**
     * Everything besides the snapshot and the stored members that this planner's plans depend on
     * (the settings, today, what is paused, the opt-outs, the leavers deleted and the blocked
     * values), as one canonical text: two planners with the same inputs plan a snapshot alike.
     */
    public String inputs() {
        if (inputs == null) { // asked of a delta sync twice: to check the kept plan, and to keep for the next
            inputs = canonicalInputs();
        }
        return inputs;
    }

    private String canonicalInputs() {
        StringBuilder in = new StringBuilder(256).append(settings.importPreAdmissions()).append('|')
                .append(settings.activeGroupsOnly()).append('|').append(new TreeSet<>(settings.primePriorities())).append('|')
                .append(settings.maxPriority()).append('|').append(settings.requireParentalResponsibility()).append('|')
                .append(settings.unknownResponsibilityCounts()).append('|').append(settings.importEmails()).append('|')
                .append(settings.importMobiles()).append('|').append(today).append('|')
                .append(new TreeSet<>(paused.stream().map(Pause::name).toList()));
        optOuts.stream().map(o -> o.kind() + ":" + o.id()).sorted().forEach(o -> in.append("|o:").append(o));
        deleted.stream().sorted().forEach(d -> in.append("|d:").append(d));
        new TreeMap<>(blocks).forEach((value, causes) -> in.append("|b:").append(value).append('=')
                .append(new TreeSet<>(causes.stream().map(Enum::name).toList())));
        return in.toString();
    }

    /** What the school's settings left out of the last plan, one sentence each; empty when nothing was. */
    public List<String> notes() {
        return leftOut.notes();
    }

    public ChangeSet plan(Snapshot snapshot, DirectoryState current) {
        return diff(want(snapshot, current), current, PlanScope.ALL);
    }

    /**
     * The rows the snapshot makes, before any diff. Of {@code current} it reads only the members (for
     * the admission dates the MIS leaves unknown) and the links people made (rule 3 with rule 7).
     */
    public Wanted want(Snapshot snapshot, DirectoryState current) {
        // the details' values checked beside the members and links: that work reads nothing else
        var checks = fork(() -> DesiredDetails.Checks.of(snapshot));
        List<DataIssue> issues = new ArrayList<>();
        Map<String, Member> members = desiredMembers(snapshot, current, issues);
        Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
        List<DataIssue> groupIssues = new ArrayList<>();
        var wantedMemberships = fork(() -> desiredGroups(snapshot, members, groups, groupIssues)); // reads members only
        Map<String, LinkedPerson> people = new LinkedHashMap<>(MapSizes.forEntries(snapshot.contacts().size()));
        List<DataIssue> contactIssues = new ArrayList<>();
        List<Link> links = new DesiredLinks(settings, id -> optedOut(OptOut.Kind.STUDENT, id), leftOut)
                .of(snapshot, members, people, current, contactIssues);
        List<ContactDetail> details = new DesiredDetails(settings, blocks, id -> optedOut(OptOut.Kind.CONTACT, id), leftOut)
                .of(snapshot, people, studentOf(links, List.of()), contactIssues, checks.join());
        List<GroupMembership> memberships = wantedMemberships.join();
        issues.addAll(groupIssues);
        return new Wanted(snapshot.coverage() == Coverage.WHOLE_ROLL, members, groups, memberships, people, links, details,
                issues, contactIssues);
    }

    /**
     * The change set that brings {@code current} in line with {@code wanted}, diffing only the rows
     * {@code scope} covers: {@code current} must hold every stored row the scope covers, every member
     * and group, every blocked detail and every row people made. Uses up {@code wanted}.
     */
    public ChangeSet diff(Wanted wanted, DirectoryState current, PlanScope scope) {
        Map<String, Member> members = wanted.members();
        Map<String, DirectoryGroup> groups = wanted.groups();
        List<GroupMembership> memberships = wanted.memberships();
        Map<String, LinkedPerson> people = wanted.people();
        List<Link> links = wanted.links();
        List<ContactDetail> details = wanted.details();
        List<DataIssue> issues = new ArrayList<>(wanted.issues());
        List<DataIssue> contactIssues = wanted.contactIssues();
        boolean wholeRoll = wanted.wholeRoll();
        if (wholeRoll) {
            retainLeaversPeople(current, members.keySet(), people, links, details);
        }
        boolean contacts = !paused.contains(Pause.CONTACTS);
        boolean groupsToo = !paused.contains(Pause.GROUPS);
        if (contacts) {
            issues.addAll(contactIssues);
        } else {
            // keep the contacts' data issues as they were: nothing about contacts was looked at
            leftOut.clear();
            current.dataIssues().stream().filter(SyncPlanner::aboutContacts).forEach(issues::add);
        }
        // the tables' diffs are independent: the large ones run beside the rest (same result, less wall time)
        var memberDiff = fork(() -> diffMembers(current.members(), members.values(), wholeRoll));
        var membershipDiff = fork(() -> groupsToo
                ? Differ.diff(current.memberships(), scope.memberships(memberships), membershipOrigin(current), wholeRoll)
                : Changes.<GroupMembership>none());
        Changes<LinkedPerson> peopleDiff = contacts
                ? Differ.diff(current.people(), scope.people(people.values()), LinkedPerson::origin, wholeRoll) : Changes.none();
        Set<String> peopleGoing = new HashSet<>();
        peopleDiff.removed().forEach(p -> peopleGoing.add(p.id()));
        var detailDiff = fork(() -> contacts ? diffDetails(current.details(), scope.details(details), wholeRoll, peopleGoing)
                : Changes.<ContactDetail>none());
        Changes<Link> linkDiff = contacts ? Differ.diff(current.links(), scope.links(links), Link::origin, wholeRoll)
                : Changes.none();
        Changes<DirectoryGroup> groupDiff = groupsToo
                ? Differ.diff(current.groups(), groups.values(), DirectoryGroup::origin, wholeRoll) : Changes.none();
        Changes<ContactDetail> detailChanges = detailDiff.join();
        // blocked details stay (rule 8), and so does the issue each one raises, with its student and cause
        List<ContactDetail> blocked = blockedAfter(current.details(), detailChanges);
        Map<String, String> studentOf = blocked.isEmpty() ? Map.of() : contacts
                ? studentOf(links, current.links().stream().filter(l -> l.origin() != Origin.IMPORT).toList())
                : studentOf(current.links(), List.of());
        blocked.forEach(d -> issues.add(DataIssue.blockedDetail(
                studentOf.getOrDefault(d.ownerId(), members.containsKey(d.ownerId()) ? d.ownerId() : null),
                d.ownerId(), d.kind(), d.value(), blocks.getOrDefault(DesiredDetails.blockKey(d.kind(), d.value()), Set.of()))));
        return new ChangeSet(memberDiff.join(), peopleDiff, linkDiff, detailChanges, groupDiff, membershipDiff.join(), issues);
    }

    /** An issue the groups part of a plan raises (an unusable group id or name): planned whole, with every group. */
    public static boolean aboutGroups(DataIssue i) {
        return i.memberId() == null && i.personId() == null && ("group id".equals(i.field()) || "group name".equals(i.field()));
    }

    /** An issue the contacts part of a sync raised (blocked details are raised afresh from the details). */
    private static boolean aboutContacts(DataIssue i) {
        return !i.kind().equals("blocked-detail") && (i.personId() != null || "contact id".equals(i.field()));
    }

    private static <T> ForkJoinTask<T> fork(Callable<T> diff) {
        return ForkJoinPool.commonPool().submit(diff);
    }

    /** The blocked details the directory holds after the change: those kept, and those created blocked. */
    private static List<ContactDetail> blockedAfter(List<ContactDetail> current, Changes<ContactDetail> changes) {
        Set<String> going = new HashSet<>();
        changes.removed().forEach(d -> going.add(d.key()));
        List<ContactDetail> blocked = new ArrayList<>();
        current.stream().filter(d -> d.blocked() && !going.contains(d.key())).forEach(blocked::add);
        changes.created().stream().filter(ContactDetail::blocked).forEach(blocked::add);
        return blocked;
    }

    /**
     * For each linked person, the student an issue about them names: the lowest student id they are
     * linked to, so the name does not depend on the order the MIS lists rows in.
     */
    static Map<String, String> studentOf(List<Link> links, List<Link> more) {
        Map<String, String> first = new HashMap<>(MapSizes.forEntries(links.size() + more.size()));
        for (List<Link> list : List.of(links, more)) {
            for (Link l : list) {
                first.merge(l.personId(), l.memberId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return first;
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

    /**
     * The members the snapshot makes. An admission date the MIS does not give (a OneRoster student
     * without a dated enrolment at the school) is unknown, not "none": the date already stored for
     * the student stays; one the MIS gives replaces it.
     */
    private Map<String, Member> desiredMembers(Snapshot snapshot, DirectoryState current, List<DataIssue> issues) {
        Map<String, Member> members = new LinkedHashMap<>(
                MapSizes.forEntries(snapshot.students().size() + snapshot.staff().size()));
        Map<String, LocalDate> storedAdmission = new HashMap<>();
        for (Member m : current.members()) {
            if (m.kind() == MemberKind.STUDENT && m.admissionDate() != null) {
                storedAdmission.put(m.id(), m.admissionDate());
            }
        }
        Predicate<Member> deletedLeaver = m -> m.state() == EnrolmentState.LEAVER && deleted.contains(m.id());
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
            if (!importableId(s.id(), MisText.MEMBER_ID, "student", issues)) {
                continue;
            }
            LocalDate leaving = e.leavingDate();
            if (state == EnrolmentState.ON_ROLL && leaving != null && leaving.isBefore(today)) {
                state = EnrolmentState.LEAVER; // the leaving date has passed (rule 10)
            } else if (state == EnrolmentState.ON_ROLL) {
                leaving = null; // a planned leaving date is not a leaver yet
            }
            LocalDate admission = e.admissionDateKnown() ? e.admissionDate() : storedAdmission.get(s.id());
            MemberText text = new MemberText(s.id(), issues);
            members.put(s.id(), new Member(s.id(), MemberKind.STUDENT, text.fit("given name", s.givenName(), MisText.NAME),
                    text.fit("family name", s.familyName(), MisText.NAME),
                    text.fitOrNull("year group", s.yearGroup(), MisText.YEAR_GROUP),
                    text.fitOrNull("registration group", s.registrationGroup(), MisText.REGISTRATION_GROUP),
                    state, e.applicationStatus(), admission, leaving, Origin.IMPORT));
        }
        for (Staff st : snapshot.staff()) {
            if (members.containsKey(st.id()) || !importableId(st.id(), MisText.MEMBER_ID, "staff member", issues)) {
                continue;
            }
            LocalDate leaving = st.leavingDate();
            boolean left = leaving != null && leaving.isBefore(today);
            MemberText text = new MemberText(st.id(), issues);
            members.put(st.id(), new Member(st.id(), MemberKind.STAFF, text.fit("given name", st.givenName(), MisText.NAME),
                    text.fit("family name", st.familyName(), MisText.NAME), null, null,
                    left ? EnrolmentState.LEAVER : EnrolmentState.ON_ROLL, null, null, left ? leaving : null, Origin.IMPORT));
        }
        members.values().removeIf(deletedLeaver); // deleted on purpose: only a return to the roll brings them back
        return members;
    }

    /** Whether a record with this id can be stored; if not, a data issue says so and it is left out. */
    private static boolean importableId(String id, int max, String what, List<DataIssue> issues) {
        String problem = MisText.idProblem(id, max);
        if (problem == null) {
            return true;
        }
        issues.add(new DataIssue("invalid-id", null, null, what + " id", what + " id " + problem + "; the " + what + " is not imported"));
        return false;
    }

    /** Fits one member's (or contact's) text values, raising an "invalid-text" issue for each that had to change. */
    record MemberText(@Nullable String memberId, @Nullable String personId, List<DataIssue> issues) {

        MemberText(String memberId, List<DataIssue> issues) {
            this(memberId, null, issues);
        }

        String fit(String field, String raw, int max) {
            MisText.Fitted fitted = MisText.fit(raw, max);
            if (fitted.problem() != null) {
                issues.add(new DataIssue("invalid-text", memberId, personId, field, field + " " + fitted.problem()));
            }
            return fitted.value();
        }

        @Nullable String fitOrNull(String field, @Nullable String raw, int max) {
            return raw == null ? null : fit(field, raw, max);
        }
    }

    /**
     * A membership belongs to import only when both its group and its member came from import; one
     * in a custom group, or of a member added by hand, is the school's own (rule 7).
     */
    private static Function<GroupMembership, Origin> membershipOrigin(DirectoryState current) {
        Set<String> handMadeGroups = new HashSet<>();
        Set<String> handMadeMembers = new HashSet<>();
        current.groups().stream().filter(g -> g.origin() != Origin.IMPORT).forEach(g -> handMadeGroups.add(g.id()));
        current.members().stream().filter(m -> m.origin() != Origin.IMPORT).forEach(m -> handMadeMembers.add(m.id()));
        return m -> handMadeGroups.contains(m.groupId()) || handMadeMembers.contains(m.memberId())
                ? Origin.MANUAL : Origin.IMPORT;
    }

    private List<GroupMembership> desiredGroups(Snapshot snapshot, Map<String, Member> members,
            Map<String, DirectoryGroup> groups, List<DataIssue> issues) {
        int listed = 0;
        for (Group g : snapshot.groups()) {
            listed += g.memberIds().size();
        }
        List<GroupMembership> memberships = new ArrayList<>(listed); // sized once: grown, a large list is copied each time
        for (Group g : snapshot.groups()) {
            if (settings.activeGroupsOnly() && !g.active()) {
                continue;
            }
            if (!importableId(g.id(), MisText.GROUP_ID, "group", issues)) {
                continue;
            }
            MisText.Fitted name = MisText.fit(g.name(), MisText.GROUP_NAME);
            if (name.problem() != null) {
                issues.add(new DataIssue("invalid-text", null, null, "group name", "group '" + g.id() + "': name " + name.problem()));
            }
            groups.put(g.id(), new DirectoryGroup(g.id(), name.value(), g.kind(), g.active(), Origin.IMPORT));
            g.memberIds().stream().filter(members::containsKey).sorted()
                    .forEach(id -> memberships.add(new GroupMembership(g.id(), id)));
        }
        return memberships;
    }

    /** Imported members absent from a whole roll become leavers (from today), never silently removed. */
    private Changes<Member> diffMembers(List<Member> current, Collection<Member> desired, boolean wholeRoll) {
        Changes<Member> plain = Differ.diff(current, desired, Member::origin, false);
        if (!wholeRoll || current.isEmpty()) { // with none stored, nobody leaves
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

    /**
     * A blocked detail is kept as it is: import neither unblocks it nor removes it (rule 8), unless
     * its owner is opted out (an opted-out contact keeps no details, blocked ones too: rule 6) or
     * leaves the directory. Its value stays blocked either way, so it comes back blocked.
     */
    private Changes<ContactDetail> diffDetails(List<ContactDetail> current, List<ContactDetail> desired, boolean wholeRoll,
            Set<String> peopleGoing) {
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
        List<ContactDetail> removed = plain.removed().stream()
                .filter(d -> !d.blocked() || optedOut(OptOut.Kind.CONTACT, d.ownerId()) || peopleGoing.contains(d.ownerId()))
                .toList();
        return new Changes<>(plain.created(), plain.updated(), removed);
    }
}
