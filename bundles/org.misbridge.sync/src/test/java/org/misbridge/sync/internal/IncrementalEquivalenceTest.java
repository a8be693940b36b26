package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.SchoolGenerator;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.sync.plan.SyncPlanner;

/**
 * A generated school changed at random, round after round: each round the plan that loads only the
 * changed members makes the same change set as the plan of the whole directory, and once applied the
 * next round starts from the digests it wrote.
 */
class IncrementalEquivalenceTest {

    private static final LocalDate TODAY = SchoolGenerator.DEFAULT_TODAY;
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final ImportSettings SETTINGS = new ImportSettings(true, false, Set.of(1), 3, false, true, true, true);

    @Test
    void randomChangesPlanAsTheWholeDirectoryDoes(@TempDir Path dir) throws IOException, MisReadException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-r", 300, 5L), dir);
        Snapshot snapshot = new OneRosterCsvReader("rand", dir, null, CLOCK, Limits.defaults()).read();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        apply(store, snapshot, Set.of(), true);
        Random random = new Random(21);
        Set<OptOut> optOuts = new HashSet<>();
        for (int round = 0; round < 12; round++) {
            snapshot = change(snapshot, random);
            if (round == 4) { // opt-outs are the planner's input, not the store's rows: the digests still hold
                optOuts.add(new OptOut(OptOut.Kind.STUDENT, snapshot.students().get(7).id()));
                optOuts.add(new OptOut(OptOut.Kind.CONTACT, snapshot.links().get(3).contactId()));
            }
            apply(store, snapshot, optOuts, false);
        }
    }

    private static void apply(JdbcDirectory store, Snapshot snapshot, Set<OptOut> optOuts, boolean first) {
        ChangeSet whole = planner(optOuts).plan(snapshot, store.load("rand"));
        IncrementalPlan.Loaded loaded = first ? new IncrementalPlan.Loaded(null, store.load("rand"))
                : new IncrementalPlan.Loaded(store.loadSyncBase("rand").orElseThrow(), null);
        IncrementalPlan.Planned planned = IncrementalPlan.plan(store, "rand", planner(optOuts), snapshot, loaded, false, null);
        assertThat(planned.incremental()).isEqualTo(!first);
        IncrementalSyncTest.assertSameChanges(planned.changes(), whole);
        SyncRun run = new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS, 0, 0, 0, null);
        store.applySync("rand", planned.changes(), run, List.of(), CLOCK, step -> { }, null, planned.digests());
        assertThat(planner(optOuts).plan(snapshot, store.load("rand")).isEmpty()).as("applied in full").isTrue();
    }

    private static SyncPlanner planner(Set<OptOut> optOuts) {
        return new SyncPlanner(SETTINGS, TODAY, Set.of(), optOuts, Set.of(), List.of());
    }

    /** About 2% of students renamed or gone, contacts renamed, links moved, group lists changed. */
    private static Snapshot change(Snapshot s, Random r) {
        List<Student> students = new ArrayList<>();
        for (Student st : s.students()) {
            int roll = r.nextInt(100);
            if (roll == 0) {
                continue; // gone from the roll
            }
            students.add(roll == 1 ? new Student(st.id(), st.upn(), st.givenName() + "x", st.familyName(), st.yearGroup(),
                    st.registrationGroup(), st.enrolment()) : st);
        }
        List<Contact> contacts = s.contacts().stream().map(c -> r.nextInt(60) == 0
                ? new Contact(c.id(), c.givenName(), c.familyName() + "y", r.nextBoolean() ? List.of() : c.emails(),
                        c.telephones()) : c).toList();
        List<ContactLink> links = new ArrayList<>();
        for (ContactLink l : s.links()) {
            int roll = r.nextInt(80);
            if (roll == 0) {
                continue; // unlinked in the MIS
            }
            links.add(roll == 1 ? new ContactLink(l.studentId(), l.contactId(), Math.min(3, l.priority() + 1),
                    l.parentalResponsibility(), "Guardian") : l);
        }
        if (!students.isEmpty() && !s.contacts().isEmpty()) { // a contact newly shared with another student
            Contact c = s.contacts().get(r.nextInt(s.contacts().size()));
            links.add(new ContactLink(students.get(r.nextInt(students.size())).id(), c.id(), 2,
                    org.misbridge.api.model.ParentalResponsibility.UNKNOWN, null));
        }
        List<Group> groups = s.groups().stream().map(g -> {
            if (r.nextInt(10) != 0 || students.isEmpty()) {
                return g;
            }
            Set<String> ids = new HashSet<>(g.memberIds());
            ids.add(students.get(r.nextInt(students.size())).id());
            return new Group(g.id(), g.name(), g.kind(), g.active(), ids);
        }).toList();
        return new Snapshot(s.schoolId(), s.source(), s.coverage(), s.readAt(), students, s.staff(), contacts,
                dedupe(links), groups, s.failures());
    }

    private static List<ContactLink> dedupe(List<ContactLink> links) {
        Set<String> seen = new HashSet<>();
        return links.stream().filter(l -> seen.add(l.studentId() + "\u0000" + l.contactId())).toList();
    }
}
