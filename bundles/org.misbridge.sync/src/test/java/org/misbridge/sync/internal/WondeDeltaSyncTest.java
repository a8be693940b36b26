package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Directory;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.mis.wonde.internal.WondeConfiguration;
import org.misbridge.mis.wonde.internal.WondeReaderComponent;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeWonde;
import org.misbridge.testkit.FakeWonde.CarerLink;
import org.misbridge.testkit.FakeWonde.Grouping;
import org.misbridge.testkit.FakeWonde.Pupil;
import org.misbridge.testkit.FakeWonde.School;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A Wonde school synced through the host's Wonde reader with deltas on (each sync after the first
 * an {@code updated_after} read, its snapshot patched from the last, planned by the families it
 * touched) leaves, round after round, exactly the directory that the same school synced through
 * whole reads leaves: the rule is the full read's, the delta path must not be able to tell.
 */
class WondeDeltaSyncTest {

    private static final String TOKEN = "wonde-token-for-this-test";
    private static final LocalDate TODAY = SchoolGenerator.DEFAULT_TODAY;
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final DeletionThreshold ANY = new DeletionThreshold(100, 1_000_000, 100, 1_000);
    private static final ImportSettings SETTINGS = new ImportSettings(true, false, java.util.Set.of(1, 2), 3, false,
            true, true, true);

    @TempDir
    Path temp;

    private FakeWonde wonde;
    private final AtomicInteger fullLoads = new AtomicInteger();
    private final AtomicInteger scopedLoads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        Path csv = temp.resolve("school");
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-w", 300, 11L), csv);
        wonde = FakeWonde.start(School.fromOneRoster("A100", csv, TODAY), TOKEN);
    }

    @AfterEach
    void stop() {
        wonde.close();
    }

    /** One school's runner and the store it syncs into. */
    private record Host(String school, SyncRunner runner, JdbcDirectory store) {
        SyncRun synced() {
            SyncRun run = runner.run();
            assertThat(run.outcome()).as(run.message()).isEqualTo(SyncOutcome.SUCCESS);
            return run;
        }

        DirectoryState state() {
            return store.load(school);
        }
    }

    private Host host(String school, boolean deltas, boolean counted) throws Exception {
        Path token = Files.writeString(temp.resolve("token-" + school), TOKEN + "\n");
        WondeConfiguration config = Configs.of(WondeConfiguration.class, Map.of("school.id", school, "wonde.schoolId",
                "A100", "wonde.baseUrl", wonde.baseUrl().toString(), "wonde.tokenFile", token.toString(),
                "wonde.deltas", deltas, "wonde.perPage", 50));
        WondeReaderComponent reader = new WondeReaderComponent(config, Map.of("service.pid", "wonde-" + school), List.of(),
                new SchoolClaimsRegistry());
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        Directory directory = counted ? CountedDirectory.of(store, Map.of("load", fullLoads, "loadScope", scopedLoads)) : store;
        return new Host(school, new SyncRunner(school, reader, directory, store.preferences(), store.deletions(),
                RunnerSettings.of(SETTINGS, ANY, ZoneId.of("Europe/London"), CLOCK)), store);
    }

    @Test
    void roundsOfChangesLeaveWhatWholeReadsLeave() throws Exception {
        Host byDeltas = host("by-deltas", true, true);
        Host whole = host("whole", false, false);
        Random random = new Random(3);
        List<UnaryOperator<School>> rounds = List.of(
                s -> s, // Wonde stamped nothing: the delta is empty
                s -> renamed(s, random, 10),
                WondeDeltaSyncTest::movedRegistration,
                s -> joinedWithNewCarer(s, "NEW1"),
                s -> leftAndDeleted(s, random),
                WondeDeltaSyncTest::classesChanged,
                WondeDeltaSyncTest::carerMovedBetweenPupils,
                s -> joinedWithNewCarer(renamed(s, random, 3), "NEW2"));
        byDeltas.synced();
        whole.synced();
        for (int round = 0; round < rounds.size(); round++) {
            wonde.school(rounds.get(round).apply(wonde.school()));
            wonde.clearRequests();
            byDeltas.synced();
            assertThat(wonde.requests()).as("round %d read as a delta", round).isNotEmpty()
                    .allMatch(r -> r.contains("updated_after="));
            whole.synced();
            assertSameDirectory(byDeltas, whole, round);
        }
        assertThat(fullLoads).as("only the first sync loads the whole directory").hasValue(1);
        assertThat(scopedLoads).as("each later one loads the families it touched").hasValue(rounds.size());
    }

    private static void assertSameDirectory(Host byDeltas, Host whole, int round) {
        DirectoryState a = byDeltas.state();
        DirectoryState b = whole.state();
        assertThat(a.members()).as("round %d members", round).containsExactlyInAnyOrderElementsOf(b.members());
        assertThat(a.people()).as("round %d people", round).containsExactlyInAnyOrderElementsOf(b.people());
        assertThat(a.links()).as("round %d links", round).containsExactlyInAnyOrderElementsOf(b.links());
        assertThat(a.details()).as("round %d details", round).containsExactlyInAnyOrderElementsOf(b.details());
        assertThat(a.groups()).as("round %d groups", round).containsExactlyInAnyOrderElementsOf(b.groups());
        assertThat(a.memberships()).as("round %d memberships", round).containsExactlyInAnyOrderElementsOf(b.memberships());
        assertThat(a.dataIssues()).as("round %d data issues", round).containsExactlyInAnyOrderElementsOf(b.dataIssues());
    }

    private static School with(School s, List<Pupil> pupils, List<FakeWonde.Carer> carers, List<Grouping> groups) {
        return new School(s.wondeId(), pupils, carers, s.employees(), groups);
    }

    private static Pupil renamedPupil(Pupil p, String surname) {
        return new Pupil(p.id(), p.misId(), p.upn(), p.forename(), surname, p.legalForename(), surname, p.roll(),
                p.admissionDate(), p.leavingDate(), p.carers());
    }

    private static List<Integer> onRoll(School s) {
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < s.pupils().size(); i++) {
            if (s.pupils().get(i).roll() == FakeWonde.Roll.ON_ROLL) {
                places.add(i);
            }
        }
        return places;
    }

    /** {@code count} pupils on roll given a new surname (their groups' records are not re-dated). */
    private static School renamed(School s, Random random, int count) {
        List<Pupil> pupils = new ArrayList<>(s.pupils());
        List<Integer> places = onRoll(s);
        for (int i = 0; i < count; i++) {
            int at = places.get(random.nextInt(places.size()));
            pupils.set(at, renamedPupil(pupils.get(at), "Renamed" + random.nextInt(1000)));
        }
        return with(s, pupils, s.carers(), s.groups());
    }

    /** The first registration group's first pupil moves to the second registration group. */
    private static School movedRegistration(School s) {
        List<Grouping> registration = s.groups().stream().filter(g -> g.type().equals("REGISTRATION")).toList();
        Grouping from = registration.get(0);
        Grouping to = registration.get(1);
        String pupil = from.memberIds().stream().filter(id -> s.pupil(id) != null).findFirst().orElseThrow();
        List<Grouping> groups = new ArrayList<>();
        for (Grouping g : s.groups()) {
            List<String> members = new ArrayList<>(g.memberIds());
            if (g == from) {
                members.remove(pupil);
            } else if (g == to) {
                members.add(pupil);
            }
            groups.add(new Grouping(g.id(), g.name(), g.type(), members));
        }
        return with(s, s.pupils(), s.carers(), groups);
    }

    /** A new pupil on roll with a new carer, in the first year group, registration group and class. */
    private static School joinedWithNewCarer(School s, String id) {
        List<FakeWonde.Carer> carers = new ArrayList<>(s.carers());
        carers.add(new FakeWonde.Carer("C-" + id, "New", "Carer" + id, FakeWonde.Emails.home(id.toLowerCase() + "@example.org"),
                FakeWonde.Phones.mobile(id.equals("NEW1") ? "07700900201" : "07700900202")));
        List<Pupil> pupils = new ArrayList<>(s.pupils());
        pupils.add(new Pupil("P-" + id, "9" + id, null, "New", "Pupil" + id, "New", "Pupil" + id, FakeWonde.Roll.ON_ROLL,
                TODAY.minusDays(1), null, List.of(new CarerLink("C-" + id, "Mother", 1, true))));
        List<Grouping> groups = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        for (Grouping g : s.groups()) {
            List<String> members = new ArrayList<>(g.memberIds());
            if (!joined.contains(g.type())) {
                joined.add(g.type());
                members.add("P-" + id);
            }
            groups.add(new Grouping(g.id(), g.name(), g.type(), members));
        }
        return with(s, pupils, carers, groups);
    }

    /** One pupil on roll becomes a leaver; another is deleted from Wonde with every listing of them. */
    private static School leftAndDeleted(School s, Random random) {
        List<Integer> places = onRoll(s);
        int leaving = places.get(random.nextInt(places.size()));
        int deleted = places.get((places.indexOf(leaving) + 1) % places.size());
        String gone = s.pupils().get(deleted).id();
        List<Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < s.pupils().size(); i++) {
            Pupil p = s.pupils().get(i);
            if (i == leaving) {
                pupils.add(new Pupil(p.id(), p.misId(), p.upn(), p.forename(), p.surname(), p.legalForename(),
                        p.legalSurname(), FakeWonde.Roll.LEAVER, p.admissionDate(), TODAY.minusDays(2), p.carers()));
            } else if (i != deleted) {
                pupils.add(p);
            }
        }
        List<Grouping> groups = s.groups().stream().map(g -> new Grouping(g.id(), g.name(), g.type(),
                g.memberIds().stream().filter(m -> !m.equals(gone)).toList())).toList();
        return with(s, pupils, s.carers(), groups);
    }

    /** The first class closes; a new one opens with three pupils and the first employee; a group is renamed. */
    private static School classesChanged(School s) {
        List<Grouping> groups = new ArrayList<>();
        boolean closed = false;
        boolean renamed = false;
        for (Grouping g : s.groups()) {
            if (!closed && g.isClass()) {
                closed = true;
                continue;
            }
            if (!renamed && g.type().equals("YEAR")) {
                renamed = true;
                groups.add(new Grouping(g.id(), g.name() + " (renamed)", g.type(), g.memberIds()));
                continue;
            }
            groups.add(g);
        }
        List<String> members = new ArrayList<>();
        onRoll(s).stream().limit(3).forEach(i -> members.add(s.pupils().get(i).id()));
        members.add(s.employees().get(0).id());
        groups.add(new Grouping("K-NEW", "New class", Grouping.CLASS, members));
        return with(s, s.pupils(), s.carers(), groups);
    }

    /** A carer of one pupil becomes, instead, the carer of the next pupil on roll (both records change). */
    private static School carerMovedBetweenPupils(School s) {
        List<Integer> places = onRoll(s);
        int from = places.stream().filter(i -> !s.pupils().get(i).carers().isEmpty()).findFirst().orElseThrow();
        int to = places.get((places.indexOf(from) + 1) % places.size());
        Pupil a = s.pupils().get(from);
        Pupil b = s.pupils().get(to);
        CarerLink moved = a.carers().get(0);
        List<CarerLink> aCarers = new ArrayList<>(a.carers().subList(1, a.carers().size()));
        List<CarerLink> bCarers = new ArrayList<>(b.carers());
        bCarers.removeIf(l -> l.carerId().equals(moved.carerId()));
        bCarers.add(new CarerLink(moved.carerId(), "Guardian", bCarers.size() + 1, true));
        List<Pupil> pupils = new ArrayList<>(s.pupils());
        pupils.set(from, new Pupil(a.id(), a.misId(), a.upn(), a.forename(), a.surname(), a.legalForename(),
                a.legalSurname(), a.roll(), a.admissionDate(), a.leavingDate(), aCarers));
        pupils.set(to, new Pupil(b.id(), b.misId(), b.upn(), b.forename(), b.surname(), b.legalForename(),
                b.legalSurname(), b.roll(), b.admissionDate(), b.leavingDate(), bCarers));
        return with(s, pupils, s.carers(), s.groups());
    }
}
