package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;

/**
 * What every database must give the changes people are audited for (a hand edit that removes, a
 * re-enabled detail, a sync forced past the deletion threshold): the change and its audit record are
 * stored in one transaction, so there is never one without the other. Mixed into the directory
 * contract's tests.
 */
interface AuditedChangesContract {

    JdbcDirectory store();

    String school();

    String otherSchool();

    Instant AT = Instant.parse("2026-10-05T09:15:00Z");
    Member COACH = member("coach-7");
    Member GOVERNOR = member("gov-2");

    private static Member member(String id) {
        return new Member(id, MemberKind.OTHER, "Wren", "Hollis", null, null, EnrolmentState.ON_ROLL, null, null, null,
                Origin.MANUAL);
    }

    private static ChangeSet members(List<Member> created, List<Member> updated, List<Member> removed) {
        return new ChangeSet(new Changes<>(created, updated, removed), none(), none(), none(), none(), none(), List.of());
    }

    private static <T extends Keyed> Changes<T> none() {
        return Changes.none();
    }

    @Test
    default void anAuditedEditStoresTheChangeAndItsRecordTogether() {
        store().edit(school(), members(List.of(COACH), List.of(), List.of()));
        assertThat(store().auditTrail().auditTrail(school(), 5)).as("an edit without a record is not audited").isEmpty();

        store().edit(school(), members(List.of(), List.of(), List.of(COACH)),
                new AuditRecord(AT, "admin", "remove-member", COACH.id(), 1));

        assertThat(store().load(school()).members()).doesNotContain(COACH);
        assertThat(store().auditTrail().auditTrail(school(), 5))
                .containsExactly(new AuditRecord(AT, "admin", "remove-member", COACH.id(), 1));
        assertThat(store().auditTrail().auditTrail(otherSchool(), 5)).isEmpty();
    }

    @Test
    default void anAuditedEditThatFailsLeavesNeitherTheChangeNorItsRecord() {
        store().edit(school(), members(List.of(COACH), List.of(), List.of()));

        // the removal runs first and succeeds; the update of a member who is not there then fails
        assertThatThrownBy(() -> store().edit(school(), members(List.of(), List.of(GOVERNOR), List.of(COACH)),
                new AuditRecord(AT, "admin", "remove-member", COACH.id(), 1)))
                .isInstanceOf(DirectoryException.class).hasMessageContaining("matched no row");

        assertThat(store().load(school()).members()).containsExactly(COACH);
        assertThat(store().auditTrail().auditTrail(school(), 5)).isEmpty();
    }

    @Test
    default void anAuditedEditOfAnImportedRowIsRefusedWithoutARecord() {
        Member imported = new Member("stu-9", MemberKind.STUDENT, "Ida", "Quell", "8", "8R", EnrolmentState.ON_ROLL,
                null, null, null, Origin.IMPORT);

        assertThatThrownBy(() -> store().edit(school(), members(List.of(), List.of(), List.of(imported)),
                new AuditRecord(AT, "admin", "remove-member", imported.id(), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().auditTrail().auditTrail(school(), 5)).isEmpty();
    }

    @Test
    default void reenablingABlockedDetailRecordsWhoDidItAndHowManyDetails() {
        // two adults share one address; a spam complaint (limit 1) blocks both details
        LinkedPerson ann = new LinkedPerson("p-ann", "Ann", "Vey", Origin.MANUAL);
        LinkedPerson bob = new LinkedPerson("p-bob", "Bob", "Vey", Origin.MANUAL);
        ChangeSet people = new ChangeSet(none(), new Changes<>(List.of(ann, bob), List.of(), List.of()), none(),
                new Changes<>(List.of(new ContactDetail(ann.id(), DetailKind.EMAIL, "vey@example.org", false, Origin.MANUAL),
                        new ContactDetail(bob.id(), DetailKind.EMAIL, "vey@example.org", false, Origin.MANUAL)),
                        List.of(), List.of()), none(), none(), List.of());
        store().edit(school(), people);
        assertThat(store().preferences().recordDelivery(school(), DetailKind.EMAIL, "vey@example.org",
                DeliveryFeedback.SPAM_COMPLAINT)).isEqualTo(2);

        assertThat(store().preferences().reenable(school(), DetailKind.EMAIL, "vey@example.org", "operator")).isEqualTo(2);
        assertThat(store().auditTrail().auditTrail(school(), 5)).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("operator");
            assertThat(a.action()).isEqualTo("reenable");
            assertThat(a.target()).isEqualTo("vey@example.org");
            assertThat(a.affected()).isEqualTo(2);
        });

        // nothing left to unblock: nothing changes, and nothing is recorded
        assertThat(store().preferences().reenable(school(), DetailKind.EMAIL, "vey@example.org", "operator")).isZero();
        assertThat(store().auditTrail().auditTrail(school(), 5)).hasSize(1);
    }

    @Test
    default void aForcedSyncStoresItsRunAndItsRecordTogetherOrNeither() {
        Clock clock = Clock.fixed(AT.plusSeconds(30), ZoneOffset.UTC);
        SyncRun forced = new SyncRun(AT, AT.plusSeconds(20), SyncOutcome.SUCCESS, 1, 0, 0, null);
        AuditRecord record = new AuditRecord(AT.plusSeconds(20), "admin", "sync --force", "run of " + AT, 1);

        // a write that fails part-way (the update of a member who is not there) keeps neither
        assertThatThrownBy(() -> store().applySync(school(), members(List.of(COACH), List.of(GOVERNOR), List.of()),
                forced, List.of(), clock, SyncProgress.NONE, record)).isInstanceOf(DirectoryException.class);
        assertThat(store().lastRun(school())).isEmpty();
        assertThat(store().auditTrail().auditTrail(school(), 5)).isEmpty();

        SyncRun recorded = store().applySync(school(), members(List.of(COACH), List.of(), List.of()), forced, List.of(),
                clock, SyncProgress.NONE, record);

        assertThat(store().lastRun(school())).contains(recorded);
        assertThat(store().load(school()).members()).containsExactly(COACH);
        assertThat(store().auditTrail().auditTrail(school(), 5)).containsExactly(record);
    }
}
