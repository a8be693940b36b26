package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.lifecycle.ArchivedGroup;
import org.misbridge.api.lifecycle.Erasure;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.testkit.DatabaseScan;

/**
 * What every database must give the leaver lifecycle's records: wallets that close only when no
 * child stays and never reopen, anonymisation that leaves no personal value of a deleted member in
 * any table, archived groups and merged duplicates. Mixed into the directory contract's tests.
 */
interface LifecycleContract {

    JdbcDirectory store();

    String school();

    String otherSchool();

    DataSource database();

    // --- a small school: Pippa leaves, her brother Oscar stays; Pippa's mother Marguerite is linked
    // to both, her grandfather Thaddeus only to Pippa

    private static Member pupil(String id, String given, String family, EnrolmentState state) {
        return new Member(id, MemberKind.STUDENT, given, family, "11", "11Q", state, null, LocalDate.of(2021, 9, 1),
                state == EnrolmentState.LEAVER ? LocalDate.of(2026, 7, 17) : null, Origin.IMPORT);
    }

    private static Link tie(String member, String person, int priority) {
        return new Link(member, person, priority, priority == 1, "Parent", ParentalResponsibility.YES, Origin.IMPORT);
    }

    private static <T extends org.misbridge.api.directory.Keyed> Changes<T> made(List<T> rows) {
        return new Changes<>(rows, List.of(), List.of());
    }

    private static <T extends org.misbridge.api.directory.Keyed> Changes<T> gone(List<T> rows) {
        return new Changes<>(List.of(), List.of(), rows);
    }

    Member PIPPA = pupil("stu-0417", "Pippa", "Quillfeather", EnrolmentState.LEAVER);
    Member OSCAR = pupil("stu-0418", "Oscar", "Quillfeather", EnrolmentState.ON_ROLL);
    LinkedPerson MOTHER = new LinkedPerson("par-0031", "Marguerite", "Quillfeather", Origin.IMPORT);
    LinkedPerson GRANDFATHER = new LinkedPerson("par-0032", "Thaddeus", "Brackenbury", Origin.IMPORT);
    ContactDetail GRANDFATHER_EMAIL = new ContactDetail(GRANDFATHER.id(), DetailKind.EMAIL,
            "thaddeus.brackenbury@example.org", false, Origin.IMPORT);
    ContactDetail GRANDFATHER_MOBILE = new ContactDetail(GRANDFATHER.id(), DetailKind.MOBILE, "07700900417", false,
            Origin.IMPORT);

    private void family(String school) {
        store().apply(school, new ChangeSet(made(List.of(PIPPA, OSCAR)), made(List.of(MOTHER, GRANDFATHER)),
                made(List.of(tie(PIPPA.id(), MOTHER.id(), 1), tie(OSCAR.id(), MOTHER.id(), 1),
                        tie(PIPPA.id(), GRANDFATHER.id(), 2))),
                made(List.of(GRANDFATHER_EMAIL, GRANDFATHER_MOBILE)), Changes.none(), Changes.none(),
                List.of(new DataIssue("invalid-email", PIPPA.id(), GRANDFATHER.id(), "email",
                        "Thaddeus Brackenbury's second address thaddeus.brackenbury@example.org bounced"))),
                new SyncRun(Instant.now(), Instant.now(), SyncOutcome.SUCCESS, 7, 0, 0, null));
    }

    /** What deleting Pippa removes: her, her links, her place, and her grandfather who has no one else. */
    private static ChangeSet pippaGoes() {
        return new ChangeSet(gone(List.of(PIPPA)), gone(List.of(GRANDFATHER)),
                gone(List.of(tie(PIPPA.id(), MOTHER.id(), 1), tie(PIPPA.id(), GRANDFATHER.id(), 2))),
                gone(List.of(GRANDFATHER_EMAIL, GRANDFATHER_MOBILE)), Changes.none(), Changes.none(), List.of());
    }

    @Test
    default void aLeaversParentWithAChildStayingKeepsTheWalletOpen() {
        family(school());
        Wallet mothers = store().lifecycle().recordBalance(school(), MOTHER.id(), 1250);
        Wallet grandfathers = store().lifecycle().recordBalance(school(), GRANDFATHER.id(), 480);
        assertThat(mothers.holderName()).isEqualTo("Marguerite Quillfeather");

        assertThatThrownBy(() -> store().lifecycle().close(school(), mothers.id(), "admin"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stays open")
                .hasMessageContaining(OSCAR.id());
        assertThat(store().lifecycle().wallet(school(), mothers.id()).orElseThrow().status()).isEqualTo(WalletStatus.OPEN);

        Wallet closed = store().lifecycle().close(school(), grandfathers.id(), "admin");
        assertThat(closed.status()).isEqualTo(WalletStatus.CLOSED);
        assertThat(closed.balance()).as("the balance owed is shown").isEqualTo(480);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(store().auditTrail().auditTrail(school(), 5)).extracting(AuditRecord::action).contains("close-wallet");
    }

    @Test
    default void aClosedWalletCannotReopenAndSettlingLeavesZeroWithTheDates() {
        family(school());
        Wallet w = store().lifecycle().recordBalance(school(), GRANDFATHER.id(), 480);
        store().lifecycle().close(school(), w.id(), "admin");

        assertThatThrownBy(() -> store().lifecycle().recordBalance(school(), GRANDFATHER.id(), 900))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never reopens");
        assertThatThrownBy(() -> store().lifecycle().close(school(), w.id(), "admin"))
                .isInstanceOf(IllegalStateException.class);

        Wallet settled = store().lifecycle().settle(school(), w.id(), LocalDate.of(2026, 7, 24), "admin");
        assertThat(settled.status()).isEqualTo(WalletStatus.SETTLED);
        assertThat(settled.balance()).isZero();
        assertThat(settled.refunded()).isEqualTo(480);
        assertThat(settled.refundDate()).isEqualTo(LocalDate.of(2026, 7, 24));
        assertThat(settled.closedAt()).isNotNull();
        assertThat(settled.settledAt()).isNotNull();
        assertThatThrownBy(() -> store().lifecycle().settle(school(), w.id(), LocalDate.of(2026, 7, 25), "admin"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().lifecycle().recordBalance(school(), GRANDFATHER.id(), 0))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store().lifecycle().wallets(school())).hasSize(1);
    }

    @Test
    default void walletsAndBookingsNeedSomeoneInTheDirectoryAndStayInTheirSchool() {
        family(school());
        assertThatThrownBy(() -> store().lifecycle().recordBalance(school(), "par-nobody", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("par-nobody");
        assertThatThrownBy(() -> store().lifecycle().recordBooking(school(), "stu-nobody", LocalDate.now(), "lunch", 230))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stu-nobody");
        // the other school has no such adult, so it cannot open a wallet for this school's parent
        assertThatThrownBy(() -> store().lifecycle().recordBalance(otherSchool(), MOTHER.id(), 10))
                .isInstanceOf(IllegalArgumentException.class);
        Wallet w = store().lifecycle().recordBalance(school(), MOTHER.id(), 10);
        assertThat(store().lifecycle().wallets(otherSchool())).isEmpty();
        assertThat(store().lifecycle().wallet(otherSchool(), w.id())).isEmpty();
        assertThatThrownBy(() -> store().lifecycle().close(otherSchool(), w.id(), "admin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void afterTheRetentionPeriodNoPersonalValueOfADeletedMemberIsLeftInAnyTable() throws SQLException {
        family(school());
        family(otherSchool()); // the same family at another school: its records must stay as they are
        store().lifecycle().recordBalance(school(), GRANDFATHER.id(), 480);
        store().lifecycle().recordBooking(school(), PIPPA.id(), LocalDate.of(2026, 7, 16), "Leavers' lunch for Pippa Quillfeather", 350);
        store().preferences().recordDelivery(school(), DetailKind.EMAIL, GRANDFATHER_EMAIL.value(), DeliveryFeedback.PERMANENT_BOUNCE);
        store().auditTrail().audit(school(), new AuditRecord(Instant.now(), "operator", "reenable", GRANDFATHER_MOBILE.value(), 1));
        store().auditTrail().audit(school(), new AuditRecord(Instant.now(), "operator", "link", "Thaddeus Brackenbury to stu-0417", 1));
        store().deletions().applyDeletion(school(), pippaGoes(),
                List.of(new OutboxEntry("meals", PIPPA.id(), "{\"memberId\":\"stu-0417\",\"givenName\":\"Pippa\","
                        + "\"familyName\":\"Quillfeather\",\"status\":\"Closed\"}")),
                List.of());
        List<String> personal = List.of("Pippa", "Thaddeus", "Brackenbury", GRANDFATHER_EMAIL.value(),
                GRANDFATHER_MOBILE.value());

        // before the retention period has passed, the kept records still hold them
        assertThat(store().lifecycle().anonymise(school(), Instant.now().minusSeconds(14 * 86_400L), "retention")).isZero();
        assertThat(occurrences(school(), personal)).as("kept until the retention period passes")
                .anyMatch(o -> o.contains("dir_wallet.holder_name")).anyMatch(o -> o.contains("dir_booking"))
                .anyMatch(o -> o.contains("dir_audit")).anyMatch(o -> o.contains("dir_outbox"));
        Erasure waiting = store().lifecycle().erasures(school()).get(0);
        assertThat(waiting.memberId()).isEqualTo(PIPPA.id());
        assertThat(waiting.anonymisedAt()).isNull();
        assertThat(waiting.values()).isPositive();

        assertThat(store().lifecycle().anonymise(school(), Instant.now().plusSeconds(1), "retention")).isEqualTo(1);

        assertThat(occurrences(school(), personal)).as("no personal value of Pippa or her grandfather anywhere").isEmpty();
        // "Quillfeather" stays: her mother and brother are still at the school under that name
        assertThat(store().load(school()).members()).extracting(Member::familyName).containsOnly("Quillfeather");
        Wallet wallet = store().lifecycle().wallets(school()).get(0);
        assertThat(wallet.holderName()).isEqualTo(JdbcErasures.MASK);
        assertThat(wallet.balance()).as("the payment record is kept").isEqualTo(480);
        assertThat(store().lifecycle().bookings(school()).get(0).description()).isEqualTo("Leavers' lunch for XXXX");
        assertThat(store().lifecycle().erasures(school()).get(0).anonymisedAt()).isNotNull();
        assertThat(store().auditTrail().auditTrail(school(), 1).get(0).action()).isEqualTo("anonymise");
        // the other school's identical family is untouched
        assertThat(occurrences(otherSchool(), personal)).isNotEmpty();
        // and anonymising again finds nothing to do
        assertThat(store().lifecycle().anonymise(school(), Instant.now().plusSeconds(1), "retention")).isZero();
    }

    private List<String> occurrences(String school, List<String> values) throws SQLException {
        return DatabaseScan.occurrences(database(), school, values);
    }

    @Test
    default void queueingADeletionWritesItsAuditRecordInTheSameTransaction() {
        family(school());

        // Pippa is the one leaver: one queued, and the record says so, whoever asked
        assertThat(store().deletions().queueDeletion(school(), List.of(PIPPA.id()), "admin", "delete-leavers", "--all")).isEqualTo(1);
        assertThat(store().deletions().deletionQueue(school())).containsExactly(PIPPA.id());
        assertThat(store().auditTrail().auditTrail(school(), 5)).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("admin");
            assertThat(a.action()).isEqualTo("delete-leavers");
            assertThat(a.target()).isEqualTo("--all");
            assertThat(a.affected()).isEqualTo(1);
        });
        // asked again: nothing new is queued, and the record counts none
        assertThat(store().deletions().queueDeletion(school(), List.of(PIPPA.id()), "admin", "delete-leavers", PIPPA.id())).isZero();
        assertThat(store().auditTrail().auditTrail(school(), 1).get(0).affected()).isZero();
        assertThat(store().auditTrail().auditTrail(otherSchool(), 5)).isEmpty();
    }

    @Test
    default void customGroupsOfLastYearAreArchivedWithTheirMembersAndImportedGroupsStay() {
        family(school());
        DirectoryGroup chess = new DirectoryGroup("chess-club", "Chess club 2025/26", GroupKind.OTHER, true, Origin.MANUAL);
        DirectoryGroup tutor = new DirectoryGroup("11Q", "11Q", GroupKind.REGISTRATION, true, Origin.IMPORT);
        store().edit(school(), new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                made(List.of(chess)), made(List.of(new GroupMembership("chess-club", OSCAR.id()))), List.of()));
        store().apply(school(), new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                made(List.of(tutor)), made(List.of(new GroupMembership("11Q", OSCAR.id()))), List.of()),
                new SyncRun(Instant.now(), Instant.now(), SyncOutcome.SUCCESS, 2, 0, 0, null));

        assertThat(store().lifecycle().groupsToArchive(school(), Instant.now().minusSeconds(3600))).isEmpty();
        List<ArchivedGroup> preview = store().lifecycle().groupsToArchive(school(), Instant.now().plusSeconds(1));
        assertThat(preview).extracting(ArchivedGroup::id).containsExactly("chess-club");
        assertThat(store().lifecycle().groupsToArchive(otherSchool(), Instant.now().plusSeconds(1))).isEmpty();

        List<ArchivedGroup> archived = store().lifecycle().archiveGroups(school(), Instant.now().plusSeconds(1), "admin");

        assertThat(archived).extracting(ArchivedGroup::id).containsExactly("chess-club");
        assertThat(store().load(school()).groups()).extracting(DirectoryGroup::id).containsExactly("11Q");
        assertThat(store().load(school()).memberships()).extracting(GroupMembership::groupId).containsExactly("11Q");
        ArchivedGroup kept = store().lifecycle().archivedGroups(school()).get(0);
        assertThat(kept.memberIds()).containsExactly(OSCAR.id());
        assertThat(kept.archivedBy()).isEqualTo("admin");
        assertThat(store().auditTrail().auditTrail(school(), 1).get(0)).satisfies(a -> {
            assertThat(a.action()).isEqualTo("archive-groups");
            assertThat(a.affected()).isEqualTo(1);
        });
    }

    @Test
    default void aMergeMovesTheDuplicatesRecordsToTheKeptMemberAndKeepsTheDuplicateGone() {
        family(school());
        Member duplicate = new Member("hand-0099", MemberKind.STUDENT, "Oscar", "Quillfeather", "11", null,
                EnrolmentState.ON_ROLL, null, null, null, Origin.MANUAL);
        LinkedPerson aunt = new LinkedPerson("par-0077", "Iris", "Quillfeather", Origin.MANUAL);
        Link auntLink = new Link(duplicate.id(), aunt.id(), 2, false, "Aunt", ParentalResponsibility.UNKNOWN, Origin.MANUAL);
        store().edit(school(), new ChangeSet(made(List.of(duplicate)), made(List.of(aunt)), made(List.of(auntLink)),
                Changes.none(), Changes.none(), Changes.none(), List.of()));
        store().lifecycle().recordBooking(school(), duplicate.id(), LocalDate.of(2026, 9, 10), "trip", 1500);
        store().preferences().setOptOut(school(), new OptOut(OptOut.Kind.STUDENT, duplicate.id()), true);

        Link moved = new Link(OSCAR.id(), aunt.id(), 2, false, "Aunt", ParentalResponsibility.UNKNOWN, Origin.MANUAL);
        ChangeSet rows = new ChangeSet(gone(List.of(duplicate)), Changes.none(),
                new Changes<>(List.of(moved), List.of(), List.of(auntLink)), Changes.none(), Changes.none(),
                Changes.none(), List.of());
        store().lifecycle().merge(school(), OSCAR.id(), duplicate.id(), rows, List.of(), "admin");

        assertThat(store().load(school()).members()).extracting(Member::id).doesNotContain(duplicate.id());
        assertThat(store().load(school()).links()).contains(moved);
        assertThat(store().lifecycle().bookings(school())).extracting(b -> b.memberId()).containsExactly(OSCAR.id());
        assertThat(store().preferences().optOuts(school())).containsExactly(new OptOut(OptOut.Kind.STUDENT, OSCAR.id()));
        assertThat(store().deletions().deletedMembers(school())).containsExactly(duplicate.id());
        assertThat(store().auditTrail().auditTrail(school(), 1).get(0).action()).isEqualTo("merge-students");
    }
}
