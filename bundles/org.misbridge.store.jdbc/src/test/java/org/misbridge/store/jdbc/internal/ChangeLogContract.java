package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowChange;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/**
 * The change log on every database (V13): each write of a school's rows logs them in its own
 * transaction, stamped after the school's previous write; a write that fails logs nothing; tombstones
 * go once the retention has passed, and the log then says it is complete only from the cut.
 */
interface ChangeLogContract {

    JdbcDirectory store();

    String school();

    String otherSchool();

    Instant T1 = Instant.parse("2026-11-02T07:00:00Z");
    Instant T2 = T1.plus(Duration.ofHours(1));

    private static Member pupil(String id, String given) {
        return new Member(id, MemberKind.STUDENT, given, "F" + id, "7", "7A", EnrolmentState.ON_ROLL, null, null, null,
                Origin.IMPORT);
    }

    private static Member teacher(String id) {
        return new Member(id, MemberKind.STAFF, "T", "F" + id, null, null, EnrolmentState.ON_ROLL, null, null, null,
                Origin.IMPORT);
    }

    private static Link link(String member, String person) {
        return new Link(member, person, 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT);
    }

    /** Pupils s1 and s2 with their mother p1, teacher t1, class g1 with all three. */
    private static ChangeSet first() {
        return new ChangeSet(
                new Changes<>(List.of(pupil("s1", "Ann"), pupil("s2", "Bea"), teacher("t1")), List.of(), List.of()),
                new Changes<>(List.of(new LinkedPerson("p1", "P", "One", Origin.IMPORT)), List.of(), List.of()),
                new Changes<>(List.of(link("s1", "p1"), link("s2", "p1")), List.of(), List.of()),
                new Changes<>(List.of(new ContactDetail("p1", DetailKind.EMAIL, "p1@example.org", false, Origin.IMPORT),
                        new ContactDetail("t1", DetailKind.EMAIL, "t1@example.org", false, Origin.IMPORT)),
                        List.of(), List.of()),
                new Changes<>(List.of(new DirectoryGroup("g1", "Maths", GroupKind.CLASS, true, Origin.IMPORT)),
                        List.of(), List.of()),
                new Changes<>(List.of(new GroupMembership("g1", "s1"), new GroupMembership("g1", "s2"),
                        new GroupMembership("g1", "t1")), List.of(), List.of()),
                List.of());
    }

    /** s1 renamed; s2 gone with their link and membership; s3 joins g1; t1 leaves g1. */
    private static ChangeSet second() {
        return new ChangeSet(
                new Changes<>(List.of(pupil("s3", "Cal")), List.of(pupil("s1", "Anna")), List.of(pupil("s2", "Bea"))),
                Changes.none(),
                new Changes<>(List.of(), List.of(), List.of(link("s2", "p1"))),
                Changes.none(),
                Changes.none(),
                new Changes<>(List.of(new GroupMembership("g1", "s3")), List.of(),
                        List.of(new GroupMembership("g1", "s2"), new GroupMembership("g1", "t1"))),
                List.of());
    }

    private static ChangeSet nothing() {
        return new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                Changes.none(), List.of());
    }

    private SyncRun sync(ChangeSet changes, Instant at) {
        SyncRun run = new SyncRun(at, at, SyncOutcome.SUCCESS, changes.created(), changes.updated(), changes.removed(), null);
        return store().applySync(school(), changes, run, List.of(), Clock.fixed(at, ZoneOffset.UTC), step -> { }, null);
    }

    /** A row of the log as the tests write what they expect: kind, key, and what the change was. */
    private static String shown(RowChange c) {
        return c.kind() + " " + c.id() + (c.otherId().isEmpty() ? "" : "/" + c.otherId()) + (c.deleted() ? " deleted" : "")
                + (c.memberKind() == null ? "" : " " + c.memberKind());
    }

    private List<String> since(Instant from) {
        return store().changeLog().changesSince(school(), from).stream().map(ChangeLogContract::shown).toList();
    }

    @Test
    default void aSchoolsFirstWriteBeginsItsLogAndEachLaterOneLogsTheRowsItWrites() {
        assertThat(store().changeLog().state(school())).isEqualTo(ChangeLogState.empty(school()));
        sync(first(), T1);
        // the rows of the first sync carry the time the log began: no entry of their own
        assertThat(store().changeLog().state(school())).isEqualTo(new ChangeLogState(school(), T1, T1, 1));
        assertThat(since(Instant.EPOCH)).isEmpty();

        sync(second(), T2);
        List<RowChange> second = store().changeLog().changesSince(school(), Instant.EPOCH);
        assertThat(second).extracting(ChangeLogContract::shown).containsExactlyInAnyOrder("MEMBER s1 STUDENT",
                "MEMBER s2 deleted STUDENT", "MEMBER s3 STUDENT", "LINK s2/p1 deleted", "MEMBERSHIP g1/s2 deleted",
                "MEMBERSHIP g1/s3", "MEMBERSHIP g1/t1 deleted");
        assertThat(second).extracting(RowChange::changedAt).containsOnly(T2);
        assertThat(store().changeLog().state(school())).isEqualTo(new ChangeLogState(school(), T1, T1, 2));
        assertThat(since(T2.plusMillis(1))).isEmpty();

        // s1 renamed again, s2 back: one entry per row, its latest change
        Instant t3 = T2.plusSeconds(60);
        sync(new ChangeSet(new Changes<>(List.of(pupil("s2", "Bea")), List.of(pupil("s1", "Annie")), List.of()),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of()), t3);
        assertThat(since(t3)).containsExactlyInAnyOrder("MEMBER s1 STUDENT", "MEMBER s2 STUDENT");
        assertThat(since(Instant.EPOCH)).hasSize(7);
        assertThat(store().changeLog().changesSince(otherSchool(), Instant.EPOCH)).isEmpty();
    }

    @Test
    default void aSyncThatFailsBeforeItsCommitLogsNothing() {
        sync(first(), T1);
        List<RowChange> before = store().changeLog().changesSince(school(), Instant.EPOCH);
        store().progressEvery(Duration.ZERO); // so the listener hears "committing", after the log is written
        SyncRun run = new SyncRun(T2, T2, SyncOutcome.SUCCESS, 2, 1, 3, null);
        assertThatThrownBy(() -> store().applySync(school(), second(), run, List.of(), Clock.fixed(T2, ZoneOffset.UTC),
                step -> {
                    if (step.contains("committing")) {
                        throw new IllegalStateException("the host died");
                    }
                }, null)).hasMessageContaining("the host died");

        assertThat(store().changeLog().changesSince(school(), Instant.EPOCH)).isEqualTo(before);
        assertThat(store().changeLog().state(school()).version()).isEqualTo(1);
        assertThat(store().load(school()).members()).extracting(Member::givenName).containsExactlyInAnyOrder("Ann", "Bea", "T");
    }

    @Test
    default void tombstonesGoOnceTheRetentionHasPassed() {
        sync(first(), T1);
        sync(second(), T2);
        Duration retention = store().changeLog().retention();
        assertThat(retention).isEqualTo(Duration.ofDays(30));

        sync(nothing(), T2.plus(retention));
        assertThat(since(T2)).as("exactly 30 days old: kept").hasSize(7);

        Instant later = T2.plus(retention).plusMillis(1);
        sync(nothing(), later);
        assertThat(since(Instant.EPOCH)).as("the tombstones went, the changes stay")
                .containsExactlyInAnyOrder("MEMBER s1 STUDENT", "MEMBER s3 STUDENT", "MEMBERSHIP g1/s3");
        ChangeLogState state = store().changeLog().state(school());
        assertThat(state.began()).isEqualTo(T1);
        assertThat(state.completeSince()).as("the cut: now less the retention").isEqualTo(T2.plusMillis(1));
    }

    @Test
    default void eachWriteIsStampedAfterTheSchoolsLastOne() {
        sync(first(), T2);
        sync(second(), T1); // a clock that stepped back, or another host's
        assertThat(store().changeLog().changesSince(school(), T2.plusMillis(1)))
                .extracting(RowChange::changedAt).containsOnly(T2.plusMillis(1));
        assertThat(ChangeLogWriter.stamp(Instant.parse("2026-11-02T07:00:00.123456Z"), null))
                .isEqualTo(Instant.parse("2026-11-02T07:00:00.123Z"));
    }

    @Test
    default void handEditsDeletionsAndBlockedDetailsAreLoggedToo() {
        sync(first(), T1);
        Instant edited = T2;
        store().edit(school(), new ChangeSet(new Changes<>(List.of(new Member("coach", MemberKind.OTHER, "C", "Oach", null,
                null, EnrolmentState.ON_ROLL, null, null, null, Origin.MANUAL)), List.of(), List.of()), Changes.none(),
                Changes.none(), Changes.none(), Changes.none(), Changes.none(), List.of()),
                new AuditRecord(edited, "admin", "add-member", "coach", 1));
        assertThat(since(edited)).containsExactly("MEMBER coach OTHER");

        store().deletions().applyDeletion(school(), new ChangeSet(
                new Changes<>(List.of(), List.of(), List.of(pupil("s2", "Bea"))), Changes.none(),
                new Changes<>(List.of(), List.of(), List.of(link("s2", "p1"))), Changes.none(), Changes.none(),
                new Changes<>(List.of(), List.of(), List.of(new GroupMembership("g1", "s2"))), List.of()),
                List.of(), List.of());
        assertThat(since(edited.plusMillis(1))).containsExactlyInAnyOrder("MEMBER s2 deleted STUDENT",
                "LINK s2/p1 deleted", "MEMBERSHIP g1/s2 deleted");

        Instant beforeBlock = store().changeLog().changesSince(school(), Instant.EPOCH).stream()
                .map(RowChange::changedAt).max(Instant::compareTo).orElseThrow();
        // one spam complaint blocks an address (DOMAIN.md rule 8): p1 is no longer served an email
        store().preferences().recordDelivery(school(), DetailKind.EMAIL, "p1@example.org", DeliveryFeedback.SPAM_COMPLAINT);
        assertThat(since(beforeBlock.plusMillis(1))).containsExactly("DETAILS p1");
        assertThat(store().changeLog().changesSince(otherSchool(), Instant.EPOCH)).isEmpty();
    }
}
