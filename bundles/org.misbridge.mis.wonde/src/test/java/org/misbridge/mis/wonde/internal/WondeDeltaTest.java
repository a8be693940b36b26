package org.misbridge.mis.wonde.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.misbridge.mis.wonde.internal.WondeTests.TOKEN;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.FakeWonde;
import org.misbridge.testkit.FakeWonde.CarerLink;
import org.misbridge.testkit.FakeWonde.Grouping;
import org.misbridge.testkit.FakeWonde.Pupil;
import org.misbridge.testkit.FakeWonde.School;

/** With deltas on, reads between full reads apply only what changed, and end up where a full read would. */
class WondeDeltaTest {

    private FakeWonde fake;
    private final WondeTests.MovableClock clock = new WondeTests.MovableClock();
    private WondeTests.Wired wired;

    @BeforeEach
    void start() throws Exception {
        fake = FakeWonde.start(School.sample(), TOKEN);
        wired = new WondeTests.Wired(fake, TOKEN, 3, true, clock, WondeTests.quick());
    }

    @AfterEach
    void stop() {
        wired.close();
        fake.close();
    }

    /**
     * The sample school a day later: Ann's email changed, a new pupil with a new carer, Ivy and her
     * two carers gone, Tom left, Raj gone and 8B's English class closed.
     */
    private static School changed(School before) {
        List<FakeWonde.Carer> carers = new ArrayList<>();
        for (FakeWonde.Carer c : before.carers()) {
            if (c.id().equals("C1")) {
                carers.add(new FakeWonde.Carer("C1", "Ann", "Lee", FakeWonde.Emails.home("ann.new@example.org"), c.phones()));
            } else if (!c.id().equals("C6") && !c.id().equals("C7")) {
                carers.add(c);
            }
        }
        carers.add(new FakeWonde.Carer("C10", "Nia", "Owen", FakeWonde.Emails.home("nia@example.org"),
                FakeWonde.Phones.mobile("07700900010")));
        List<Pupil> pupils = new ArrayList<>();
        for (Pupil p : before.pupils()) {
            if (p.id().equals("P4")) {
                continue;
            }
            if (p.id().equals("P7")) {
                p = new Pupil(p.id(), p.misId(), p.upn(), p.forename(), p.surname(), p.legalForename(), p.legalSurname(),
                        FakeWonde.Roll.LEAVER, p.admissionDate(), LocalDate.of(2026, 11, 20), p.carers());
            }
            pupils.add(p);
        }
        pupils.add(new Pupil("P8", "1008", "F123456789017", "Ava", "Owen", "Ava", "Owen", FakeWonde.Roll.ON_ROLL,
                LocalDate.of(2026, 11, 2), null, List.of(new CarerLink("C10", "Mother", 1, true))));
        List<Grouping> groups = new ArrayList<>();
        for (Grouping g : before.groups()) {
            if (g.id().equals("K-8EN")) {
                continue;
            }
            List<String> members = new ArrayList<>(g.memberIds());
            members.removeAll(List.of("P4", "E2"));
            if (g.id().equals("G-Y7") || g.id().equals("G-7A")) {
                members.add("P8");
            }
            groups.add(new Grouping(g.id(), g.name(), g.type(), members));
        }
        List<FakeWonde.Employee> employees = before.employees().stream().filter(e -> !e.id().equals("E2")).toList();
        return new School(before.wondeId(), pupils, carers, employees, groups);
    }

    private Snapshot fullReadOf(School school) throws Exception {
        try (FakeWonde other = FakeWonde.start(school, TOKEN); WondeTests.Wired fresh = WondeTests.reader(other, 200)) {
            return fresh.reader.read();
        }
    }

    private static void assertSameContent(Snapshot actual, Snapshot expected) {
        assertThat(actual.students()).containsExactlyInAnyOrderElementsOf(expected.students());
        assertThat(actual.contacts()).containsExactlyInAnyOrderElementsOf(expected.contacts());
        assertThat(actual.links()).containsExactlyInAnyOrderElementsOf(expected.links());
        assertThat(actual.staff()).containsExactlyInAnyOrderElementsOf(expected.staff());
        assertThat(actual.groups()).containsExactlyInAnyOrderElementsOf(expected.groups());
        assertThat(actual.failures()).isEmpty();
        assertThat(actual.coverage()).isEqualTo(expected.coverage());
    }

    @Test
    void aDeltaAppliesChangesAndDeletionsOntoTheLastFullRead() throws Exception {
        Snapshot first = wired.reader.read();
        assertThat(first.students()).hasSize(7);
        assertThat(fake.requests()).noneMatch(r -> r.contains("updated_after"));

        School next = changed(fake.school());
        fake.school(next);
        fake.clearRequests();
        Snapshot delta = wired.reader.read();

        assertSameContent(delta, fullReadOf(next));
        assertThat(fake.requests()).isNotEmpty().allMatch(r -> r.contains("updated_after="));
        // only what changed came back: P1 and P2 (Ann's email) and P8 on roll, in one page of 3
        assertThat(fake.requests()).filteredOn(r -> r.contains("/students?")).hasSize(1);
    }

    @Test
    void aFullReadFollowsOnceFullReadHoursHavePassed() throws Exception {
        wired.reader.read();
        clock.advance(Duration.ofHours(25));
        fake.clearRequests();
        wired.reader.read();
        assertThat(fake.requests()).isNotEmpty().noneMatch(r -> r.contains("updated_after"));
    }

    @Test
    void withoutDeletionsADeltaCannotSeeRemovalsSoTheReadIsFull() throws Exception {
        wired.reader.read();
        fake.deny("deletions", 403);
        School next = changed(fake.school());
        fake.school(next);
        fake.clearRequests();
        Snapshot snapshot = wired.reader.read();
        assertSameContent(snapshot, fullReadOf(next));
        assertThat(fake.requests()).filteredOn(r -> r.contains("/students?")).noneMatch(r -> r.contains("updated_after"));
    }

    @Test
    void aFailedDeltaLeavesTheLastGoodRecordsForTheNextOne() throws Exception {
        wired.reader.read();
        School next = changed(fake.school());
        fake.school(next);
        fake.expireCursors(410); // five deletions at three a page: the second page answers 410
        assertThatThrownBy(wired.reader::read).isInstanceOf(MisReadException.class).hasMessageContaining("HTTP 410");
        fake.expireCursors(0);
        assertSameContent(wired.reader.read(), fullReadOf(next));
        assertThat(wired.reader.holdsRecords()).isTrue();
    }
}
