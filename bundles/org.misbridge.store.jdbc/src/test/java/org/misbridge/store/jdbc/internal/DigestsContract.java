package org.misbridge.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DigestUpdate;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncBase;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;

/**
 * The family digests on every database (V11): written with a sync's rows, loaded with the rows every
 * plan reads whole, dropped by every other write to the school's rows; and the scoped load returns
 * exactly the rows of the members asked for.
 */
interface DigestsContract {

    JdbcDirectory store();

    String school();

    String otherSchool();

    Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T07:00:00Z"), ZoneOffset.UTC);

    private static Member pupil(String id) {
        return new Member(id, MemberKind.STUDENT, "G", "F" + id, "7", "7A", EnrolmentState.ON_ROLL, null, null, null,
                Origin.IMPORT);
    }

    /** Two siblings sharing a parent, and a third pupil with their own carer. */
    private static ChangeSet families() {
        return new ChangeSet(
                new Changes<>(List.of(pupil("p1"), pupil("p2"), pupil("p3")), List.of(), List.of()),
                new Changes<>(List.of(new LinkedPerson("mum", "M", "Ash", Origin.IMPORT),
                        new LinkedPerson("carer", "C", "Cole", Origin.IMPORT)), List.of(), List.of()),
                new Changes<>(List.of(new Link("p1", "mum", 1, true, null, ParentalResponsibility.YES, Origin.IMPORT),
                        new Link("p2", "mum", 1, true, null, ParentalResponsibility.YES, Origin.IMPORT),
                        new Link("p3", "carer", 1, true, null, ParentalResponsibility.YES, Origin.IMPORT)),
                        List.of(), List.of()),
                new Changes<>(List.of(new ContactDetail("mum", DetailKind.EMAIL, "m@example.org", false, Origin.IMPORT),
                        new ContactDetail("carer", DetailKind.EMAIL, "c@example.org", false, Origin.IMPORT)),
                        List.of(), List.of()),
                new Changes<>(List.of(new org.misbridge.api.directory.DirectoryGroup("g", "G", GroupKind.CLASS, true,
                        Origin.IMPORT)), List.of(), List.of()),
                new Changes<>(List.of(new GroupMembership("g", "p1"), new GroupMembership("g", "p3")), List.of(), List.of()),
                List.of());
    }

    private SyncRun sync(ChangeSet changes, DigestUpdate digests) {
        SyncRun run = new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS, changes.created(), 0, 0, null)
                .withRows(new RowCounts(9, 0, 0, changes.created()));
        return store().applySync(school(), changes, run, List.of(), CLOCK, step -> { }, null, digests);
    }

    @Test
    default void digestsWrittenWithASyncAreLoadedWithTheMembersAndGroups() {
        assertThat(store().loadSyncBase(school())).as("never synced: no digests").isEmpty();
        SyncRun run = sync(families(), DigestUpdate.replaceAll(Map.of("p1", "d1", "p2", "d2", "p3", "d3")));

        SyncBase base = store().loadSyncBase(school()).orElseThrow();
        assertThat(base.digests()).isEqualTo(Map.of("p1", "d1", "p2", "d2", "p3", "d3"));
        assertThat(base.members()).hasSize(3);
        assertThat(base.groups()).hasSize(1);
        assertThat(base.importedPeople()).isEqualTo(2);
        assertThat(base.handMadeLinks()).isEmpty();
        assertThat(store().loadSyncBase(otherSchool())).isEmpty();
        assertThat(store().lastRun(school()).orElseThrow().rows()).isEqualTo(new RowCounts(9, 0, 0, 13)); // 3 members, 2 people, 3 links, 2 details, 1 group, 2 memberships
        assertThat(run.rows()).isEqualTo(new RowCounts(9, 0, 0, 13)); // 3 members, 2 people, 3 links, 2 details, 1 group, 2 memberships

        SyncBase light = store().loadSyncBase(school(), false).orElseThrow();
        assertThat(light.complete()).isFalse();
        assertThat(light.digests()).isEmpty();
        assertThat(light.members()).isEmpty();
        assertThat(light.groups()).hasSize(1);
        assertThat(light.rowsLoaded()).as("1 group, no members or digests").isEqualTo(1);
        assertThat(light.importedPeople()).as("not counted").isEqualTo(-1);
        assertThat(base.complete()).isTrue();
        assertThat(base.rowsLoaded()).as("and 3 members and 3 digests").isEqualTo(7);

        sync(new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                List.of()), DigestUpdate.change(Map.of("p2", "d2b"), Set.of("p3")));
        assertThat(store().loadSyncBase(school()).orElseThrow().digests()).isEqualTo(Map.of("p1", "d1", "p2", "d2b"));
    }

    @Test
    default void digestsAskedForDuringTheWriteThatFailStoreNothingOfTheSync() {
        ChangeSet changes = families();
        SyncRun run = new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS, changes.created(), 0, 0, null);
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> store().applySync(school(), changes, run, List.of(), CLOCK,
                step -> { }, null, () -> {
                    asked.incrementAndGet();
                    throw new IllegalStateException("the digests could not be worked out");
                })).hasMessageContaining("the digests could not be worked out");
        assertThat(asked).as("asked once").hasValue(1);
        assertThat(store().load(school()).members()).as("the sync's rows rolled back").isEmpty();
        assertThat(store().lastRun(school())).as("and its run").isEmpty();
        assertThat(store().loadSyncBase(school())).isEmpty();

        store().applySync(school(), changes, run, List.of(), CLOCK, step -> { }, null,
                () -> DigestUpdate.replaceAll(Map.of("p1", "d1", "p2", "d2", "p3", "d3")));
        assertThat(store().loadSyncBase(school()).orElseThrow().digests()).hasSize(3);
        assertThat(store().load(school()).members()).hasSize(3);
    }

    @Test
    default void theSyncTokenIsKeptWithTheDigestsItWasWrittenWith() {
        sync(families(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        assertThat(store().loadSyncBase(school()).orElseThrow().syncToken()).as("a sync without a token").isNull();
        assertThat(store().syncToken(school())).isEmpty();
        sync(ChangeSetOf.none(), DigestUpdate.change(Map.of("p2", "d2"), Set.of()).withSyncToken("t-1"));
        assertThat(store().loadSyncBase(school()).orElseThrow().syncToken()).isEqualTo("t-1");
        assertThat(store().syncToken(school())).contains("t-1");
        assertThat(store().syncToken(otherSchool())).as("one school's token only").isEmpty();
        sync(ChangeSetOf.none(), DigestUpdate.change(Map.of(), Set.of()).withSyncToken("t-2"));
        assertThat(store().loadSyncBase(school()).orElseThrow().syncToken()).as("the latest sync's").isEqualTo("t-2");
        assertThat(store().syncToken(school())).contains("t-2");
        assertThat(DigestUpdate.invalidate().withSyncToken("t-3").syncToken()).as("no token without digests in step").isNull();
        sync(ChangeSetOf.none(), DigestUpdate.invalidate().withSyncToken("t-3"));
        assertThat(store().loadSyncBase(school())).as("digests dropped, token with them").isEmpty();
        assertThat(store().syncToken(school())).isEmpty();
    }

    @Test
    default void theScopedLoadHoldsTheFamiliesOfTheMembersAskedForAndNothingElse() {
        sync(families(), DigestUpdate.replaceAll(Map.of("p1", "d1", "p2", "d2", "p3", "d3")));
        SyncBase base = store().loadSyncBase(school()).orElseThrow();

        DirectoryState p1 = store().loadScope(school(), base, Set.of("p1"), Set.of());

        assertThat(p1.members()).hasSize(3); // every member, always
        assertThat(p1.links()).extracting(Link::key).containsExactly("p1\u0000mum");
        assertThat(p1.people()).extracting(LinkedPerson::id).containsExactly("mum");
        assertThat(p1.details()).extracting(ContactDetail::value).containsExactly("m@example.org");
        assertThat(p1.memberships()).containsExactly(new GroupMembership("g", "p1"));
        // a person the plan wants for the member is loaded with its details too
        DirectoryState withCarer = store().loadScope(school(), base, Set.of("p2"), Set.of("carer"));
        assertThat(withCarer.people()).extracting(LinkedPerson::id).containsExactlyInAnyOrder("mum", "carer");
        assertThat(withCarer.details()).hasSize(2);
        assertThat(withCarer.memberships()).isEmpty();
    }

    @Test
    default void everyOtherWriteToTheSchoolsRowsDropsItsDigests() {
        sync(families(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        store().edit(school(), new ChangeSet(Changes.none(), Changes.none(),
                new Changes<>(List.of(new Link("p3", "mum", 2, false, null, ParentalResponsibility.UNKNOWN, Origin.MANUAL)),
                        List.of(), List.of()), Changes.none(), Changes.none(), Changes.none(), List.of()));
        assertThat(store().loadSyncBase(school())).as("after a hand edit").isEmpty();

        sync(ChangeSetOf.none(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        // one spam complaint blocks an address (DOMAIN.md rule 8)
        store().preferences().recordDelivery(school(), DetailKind.EMAIL, "c@example.org", DeliveryFeedback.SPAM_COMPLAINT);
        assertThat(store().loadSyncBase(school())).as("after a detail was blocked").isEmpty();

        sync(ChangeSetOf.none(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        store().preferences().reenable(school(), DetailKind.EMAIL, "c@example.org", "admin");
        assertThat(store().loadSyncBase(school())).as("after a re-enable").isEmpty();

        sync(ChangeSetOf.none(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        store().applySync(school(), ChangeSetOf.none(), new SyncRun(CLOCK.instant(), CLOCK.instant(), SyncOutcome.SUCCESS,
                0, 0, 0, null), List.of(), CLOCK, step -> { }, null);
        assertThat(store().loadSyncBase(school())).as("after a sync that wrote no digests").isEmpty();

        sync(ChangeSetOf.none(), DigestUpdate.replaceAll(Map.of("p1", "d1")));
        store().edit(school(), new ChangeSet(Changes.none(), Changes.none(),
                new Changes<>(List.of(), List.of(), List.of(new Link("p3", "mum", 2, false, null, ParentalResponsibility.UNKNOWN,
                        Origin.MANUAL))), Changes.none(), Changes.none(), Changes.none(), List.of()),
                new AuditRecord(CLOCK.instant(), "admin", "unlink", "p3", 1));
        assertThat(store().loadSyncBase(school())).as("after an audited hand edit").isEmpty();
    }

    /** An empty change set. */
    final class ChangeSetOf {
        private ChangeSetOf() {
        }

        static ChangeSet none() {
            return new ChangeSet(Changes.none(), Changes.none(), Changes.none(), Changes.none(), Changes.none(),
                    Changes.none(), List.of());
        }
    }
}
