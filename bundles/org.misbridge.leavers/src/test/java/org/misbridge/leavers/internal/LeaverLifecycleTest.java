package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.lifecycle.Erasure;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.DatabaseScan;
import org.misbridge.testkit.FakeMealManager;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The leaver lifecycle on a real synced school (OneRoster files, the JDBC store on H2, the sync and
 * the leavers component wired as DS wires them): what deletion removes, what survives a restart
 * mid-queue, what the meal manager hears, and what is left of a deleted member after the retention period.
 */
class LeaverLifecycleTest {

    private static List<String> leavers(DirectoryState state) {
        return state.members().stream().filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.LEAVER)
                .map(Member::id).sorted().toList();
    }

    private static LeaverSchool synced(Path dir, int students, Map<String, Object> leaverSettings) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-lv", students, 13L), dir);
        LeaverSchool school = new LeaverSchool("lv", dir, Map.of("contacts_maxPriority", 3), leaverSettings);
        assertThat(school.syncNow().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    @Test
    void queuedLeaversGoWithTheirLinksAndLoneAdultsAndAReimportDoesNotBringThemBack(@TempDir Path dir) throws IOException {
        LeaverSchool school = synced(dir, 150, Map.of());
        DirectoryState before = school.store.load("lv");
        List<String> leavers = leavers(before);
        assertThat(leavers).hasSizeGreaterThan(1);
        String onRoll = before.members().stream().filter(m -> m.state() == EnrolmentState.ON_ROLL).findFirst().orElseThrow().id();

        school.store.deletions().queueDeletion("lv", List.of(leavers.get(0), leavers.get(1), onRoll), "test");
        school.leavers.processDeletions();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.store.deletions().deletionQueue("lv").isEmpty());

        DirectoryState after = school.store.load("lv");
        Set<String> gone = Set.of(leavers.get(0), leavers.get(1));
        assertThat(after.members()).extracting(Member::id).doesNotContainAnyElementsOf(gone).contains(onRoll);
        assertThat(after.links()).noneMatch(l -> gone.contains(l.memberId()));
        assertThat(after.memberships()).noneMatch(g -> gone.contains(g.memberId()));
        // every adult left is still linked to someone, and every detail left has an owner
        Set<String> linked = new HashSet<>();
        after.links().forEach(l -> linked.add(l.personId()));
        assertThat(after.people()).allMatch(p -> linked.contains(p.id()));
        Set<String> owners = new HashSet<>(linked);
        after.members().forEach(m -> owners.add(m.id()));
        assertThat(after.details()).allMatch(d -> owners.contains(d.ownerId()));
        assertThat(school.store.deletions().deletedMembers("lv")).isEqualTo(gone);
        assertThat(school.store.lifecycle().erasures("lv")).extracting(Erasure::memberId).containsExactlyInAnyOrderElementsOf(gone);

        SyncRun again = school.syncNow();
        assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(again.created()).as("the MIS still lists them as leavers; they stay deleted").isZero();
        assertThat(school.store.load("lv").members()).extracting(Member::id).doesNotContainAnyElementsOf(gone);
        school.stop();
    }

    @Test
    void aRestartMidQueueFinishesTheQueue(@TempDir Path dir) throws IOException {
        LeaverSchool first = synced(dir, 600, Map.of());
        List<String> leavers = leavers(first.store.load("lv"));
        assertThat(leavers).hasSizeGreaterThan(5);
        first.stop();

        // the host goes down after the first batch of one: later batches never reach the database
        AtomicInteger batches = new AtomicInteger();
        DeletionQueue failsAfterOneBatch = (DeletionQueue) Proxy.newProxyInstance(DeletionQueue.class.getClassLoader(),
                new Class<?>[] {DeletionQueue.class}, (proxy, method, args) -> {
                    if (method.getName().equals("applyDeletion") && batches.incrementAndGet() > 1) {
                        throw new IllegalStateException("the host went down");
                    }
                    try {
                        return method.invoke(first.store.deletions(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        LeaverSchool dying = new LeaverSchool("lv", dir, Map.of(), Map.of("deletion_batchSize", 1), first.dataSource,
                failsAfterOneBatch);
        dying.store.deletions().queueDeletion("lv", leavers, "test");
        dying.leavers.processDeletions();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dying.leavers.progress().lastError() != null);
        dying.stop();
        assertThat(dying.store.deletions().deletedMembers("lv")).hasSize(1);
        assertThat(dying.store.deletions().deletionQueue("lv")).hasSize(leavers.size() - 1);

        // the host comes back: the school's components start again on the same database
        LeaverSchool restarted = new LeaverSchool("lv", dir, Map.of(), Map.of("deletion_batchSize", 2), first.dataSource, null);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> restarted.store.deletions().deletionQueue("lv").isEmpty());
        assertThat(leavers(restarted.store.load("lv"))).isEmpty();
        assertThat(restarted.store.deletions().deletedMembers("lv")).containsExactlyInAnyOrderElementsOf(leavers);
        restarted.stop();
    }

    @Test
    void deletingALeaverClosesThemInTheMealManager(@TempDir Path dir) throws Exception {
        try (FakeMealManager mealManager = FakeMealManager.start()) {
            LeaverSchool school = synced(dir, 150, Map.of());
            Map<String, Object> meals = new HashMap<>();
            meals.put("meals_endpoint", mealManager.endpoint().toString());
            meals.put("meals_closeLeavers", "onDelete");
            school.startMeals(meals);
            String leaver = leavers(school.store.load("lv")).get(0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mealManager.members().containsKey(leaver)
                    && school.store.outbox().pendingCount("lv", "meals") == 0);
            assertThat(mealManager.members().get(leaver).status()).as("onDelete keeps a leaver Open").isEqualTo("Open");

            school.store.deletions().queueDeletion("lv", List.of(leaver), "test");
            school.leavers.processDeletions();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "Closed".equals(mealManager.members().get(leaver).status()));
            assertThat(mealManager.appliedTwice()).isZero();
            school.stop();
        }
    }

    @Test
    void afterTheRetentionPeriodNothingPersonalOfADeletedMemberIsLeftAndBeforeItTheRecordsAreKept(@TempDir Path dir)
            throws Exception {
        LeaverSchool school = synced(dir, 300, Map.of("anonymiseAfterDays", 14));
        DirectoryState before = school.store.load("lv");
        List<String> going = leavers(before);
        // what the payments system and the operators recorded about them and their families
        for (String leaver : going) {
            school.store.lifecycle().recordBooking("lv", leaver, LocalDate.of(2026, 7, 10), "Trip for "
                    + name(before, leaver), 1250);
            for (Link l : before.links()) {
                if (l.memberId().equals(leaver)) {
                    school.store.lifecycle().recordBalance("lv", l.personId(), 300);
                    school.store.auditTrail().audit("lv", new AuditRecord(java.time.Instant.now(), "operator", "link",
                            personName(before, l.personId()) + " to " + leaver, 1));
                }
            }
        }
        school.store.deletions().queueDeletion("lv", going, "test");
        school.leavers.processDeletions();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.store.deletions().deletionQueue("lv").isEmpty());
        DirectoryState after = school.store.load("lv");
        List<String> personal = personalValuesOfTheDeleted(before, after, going);
        assertThat(personal).hasSizeGreaterThan(going.size() * 2);

        // within the retention period the payment records and audit trail still name them
        assertThat(school.leavers.anonymiseDue("test")).isZero();
        assertThat(DatabaseScan.occurrences(school.dataSource, "lv", personal))
                .anyMatch(o -> o.startsWith("dir_booking.")).anyMatch(o -> o.startsWith("dir_audit."))
                .anyMatch(o -> o.startsWith("dir_wallet."));

        // the same school with a retention period that has passed
        school.stop();
        LeaverSchool later = new LeaverSchool("lv", dir, Map.of(), Map.of("anonymiseAfterDays", 0), school.dataSource, null);
        assertThat(later.leavers.anonymiseDue("test")).isEqualTo(going.size());

        assertThat(DatabaseScan.occurrences(later.dataSource, "lv", personal)).isEmpty();
        assertThat(later.store.lifecycle().bookings("lv")).hasSize(going.size()).allMatch(b -> b.amount() == 1250);
        assertThat(later.store.lifecycle().erasures("lv")).allMatch(e -> e.anonymisedAt() != null && e.values() == 0);
        assertThat(later.store.auditTrail().auditTrail("lv", 1).get(0).action()).isEqualTo("anonymise");
        later.stop();
    }

    @Test
    void aLeaversFileNamedForAnotherSchoolIsRefusedBeforeItTouchesAnything() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaversComponent(
                Configs.of(LeaversConfiguration.class, Map.of("school_id", "oakwood")),
                Map.of("felix.fileinstall.filename", "file:/srv/karaf/etc/org.misbridge.leavers-greenfield.cfg"),
                null, null, null, null, java.time.Clock.systemUTC(), new SchoolClaimsRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("etc/org.misbridge.leavers-greenfield.cfg")
                .hasMessageContaining("school 'greenfield'").hasMessageContaining("school.id=oakwood");
    }

    private static String name(DirectoryState state, String memberId) {
        Member m = state.members().stream().filter(x -> x.id().equals(memberId)).findFirst().orElseThrow();
        return m.givenName() + " " + m.familyName();
    }

    private static String personName(DirectoryState state, String personId) {
        LinkedPerson p = state.people().stream().filter(x -> x.id().equals(personId)).findFirst().orElseThrow();
        return p.givenName() + " " + p.familyName();
    }

    /**
     * The names, emails and mobiles of the deleted members and of the adults deleted with them; a
     * single given or family name only where nobody still at the school shares it (theirs is theirs to keep).
     */
    private static List<String> personalValuesOfTheDeleted(DirectoryState before, DirectoryState after, List<String> going) {
        Set<String> stillHere = new HashSet<>();
        after.members().forEach(m -> {
            stillHere.add(m.givenName().toLowerCase());
            stillHere.add(m.familyName().toLowerCase());
        });
        after.people().forEach(p -> {
            stillHere.add(p.givenName().toLowerCase());
            stillHere.add(p.familyName().toLowerCase());
        });
        Set<String> remainingPeople = new HashSet<>();
        after.people().forEach(p -> remainingPeople.add(p.id()));
        Set<String> values = new LinkedHashSet<>();
        List<String[]> names = new ArrayList<>();
        for (Member m : before.members()) {
            if (going.contains(m.id())) {
                names.add(new String[] {m.givenName(), m.familyName()});
            }
        }
        Set<String> deletedAdults = new HashSet<>();
        for (LinkedPerson p : before.people()) {
            boolean linkedToTheDeleted = before.links().stream().anyMatch(l -> l.personId().equals(p.id()) && going.contains(l.memberId()));
            if (linkedToTheDeleted && !remainingPeople.contains(p.id())) {
                deletedAdults.add(p.id());
                names.add(new String[] {p.givenName(), p.familyName()});
            }
        }
        for (String[] n : names) {
            values.add(n[0] + " " + n[1]);
            for (String part : n) {
                if (!stillHere.contains(part.toLowerCase())) {
                    values.add(part);
                }
            }
        }
        for (ContactDetail d : before.details()) {
            if (deletedAdults.contains(d.ownerId()) || going.contains(d.ownerId())) {
                values.add(d.value());
            }
        }
        return List.copyOf(values);
    }
}
