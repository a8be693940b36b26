package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Deleting a queue of leavers batch after batch (each batch one transaction) on a real synced
 * school: the school is loaded once for the whole queue while nothing else writes, each batch
 * starting from what the one before left, and loaded again after anyone else's write. What is left
 * is worked out here from the rule in docs/leavers.md (each leaver goes with their links, details
 * and group places, and the adults linked to no one else), not by the deletion's own code.
 */
class LeaverBatchesTest {

    private static final String SCHOOL = "lv";

    private static LeaverSchool synced(Path dir, Map<String, Object> leaverSettings, DataSource database, DeletionQueue view)
            throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-lv", 600, 13L), dir);
        LeaverSchool school = new LeaverSchool(SCHOOL, dir, Map.of("contacts_maxPriority", 3), leaverSettings, database, view);
        assertThat(school.syncNow().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    /** Leavers with room for one more adult (at most four a student), in id order. */
    private static List<String> leavers(DirectoryState state) {
        Map<String, Long> adults = state.links().stream().collect(Collectors.groupingBy(Link::memberId, Collectors.counting()));
        return state.members().stream().filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.LEAVER)
                .map(Member::id).filter(id -> adults.getOrDefault(id, 0L) < 4).sorted().toList();
    }

    private static Adult adult(String id) {
        return new Adult(id, "Sam", "Shared", "Aunt", id.toLowerCase() + "@family.example", null);
    }

    /** The keys of the rows that stay when {@code gone} are deleted, by the documented rule. */
    private static Map<String, Set<String>> expectedAfter(DirectoryState before, Set<String> gone) {
        Set<String> linked = new HashSet<>();
        before.links().stream().filter(l -> !gone.contains(l.memberId())).forEach(l -> linked.add(l.personId()));
        Set<String> members = before.members().stream().map(Member::id).filter(id -> !gone.contains(id)).collect(Collectors.toSet());
        Set<String> owners = new HashSet<>(members);
        owners.addAll(linked);
        return Map.of("members", members,
                "people", keys(before.people().stream().filter(p -> linked.contains(p.id())).toList()),
                "links", keys(before.links().stream().filter(l -> !gone.contains(l.memberId())).toList()),
                "details", keys(before.details().stream().filter(d -> owners.contains(d.ownerId())).toList()),
                "memberships", keys(before.memberships().stream().filter(g -> !gone.contains(g.memberId())).toList()));
    }

    private static Map<String, Set<String>> actual(DirectoryState after) {
        return Map.of("members", after.members().stream().map(Member::id).collect(Collectors.toSet()),
                "people", keys(after.people()), "links", keys(after.links()), "details", keys(after.details()),
                "memberships", keys(after.memberships()));
    }

    private static Set<String> keys(List<? extends Keyed> rows) {
        return rows.stream().map(Keyed::key).collect(Collectors.toSet());
    }

    @Test
    void batchesOfOneLoadTheSchoolOnceAndLeaveWhatTheRuleSays(@TempDir Path dir) throws IOException {
        LeaverSchool school = synced(dir, Map.of("deletion_batchSize", 1), SchoolHarness.h2(), null);
        List<String> leavers = leavers(school.store.load(SCHOOL));
        assertThat(leavers).hasSizeGreaterThan(5);
        // an adult of two leavers only: still linked after the first one's batch, gone after the second's,
        // which only a batch that starts from what the one before left can tell
        school.service.link(SCHOOL, leavers.get(0), adult("P-SHARED"), 2, false, Origin.MANUAL);
        school.service.link(SCHOOL, leavers.get(leavers.size() - 1), adult("P-SHARED"), 2, false, Origin.MANUAL);
        DirectoryState before = school.store.load(SCHOOL);
        Map<String, Set<String>> expected = expectedAfter(before, Set.copyOf(leavers));
        assertThat(expected.get("people")).doesNotContain("P-SHARED");
        int loadsBefore = school.schoolLoads.get();

        school.store.deletions().queueDeletion(SCHOOL, leavers, "test");
        school.leavers.processDeletions();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> school.store.deletions().deletionQueue(SCHOOL).isEmpty()
                && !school.leavers.progress().running());

        assertThat(actual(school.store.load(SCHOOL))).isEqualTo(expected);
        assertThat(school.store.deletions().deletedMembers(SCHOOL)).containsExactlyInAnyOrderElementsOf(leavers);
        assertThat(school.schoolLoads.get() - loadsBefore).as("one load for " + leavers.size() + " batches").isEqualTo(1);
        school.stop();
    }

    /**
     * @param inTheBatch the write lands just after the first batch's commit, while the batch still
     *                   holds the school; else after the batch, when the lifecycle reads the queue's length
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWriteBetweenBatchesMakesTheNextBatchLoadTheSchoolAgain(boolean inTheBatch, @TempDir Path dir) throws IOException {
        AtomicInteger batches = new AtomicInteger();
        AtomicBoolean written = new AtomicBoolean();
        DataSource database = SchoolHarness.h2();
        JdbcDirectory someoneElse = SchoolHarness.migrated(database); // another writer on the same database
        String[] onRoll = new String[1];
        // after the first batch commits, someone links the adult of both leavers to a student on roll, once
        DeletionQueue writesAfterTheFirstBatch = (DeletionQueue) Proxy.newProxyInstance(DeletionQueue.class.getClassLoader(),
                new Class<?>[] {DeletionQueue.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(someoneElse.deletions(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("applyDeletion")) {
                        batches.incrementAndGet();
                    }
                    boolean now = inTheBatch ? method.getName().equals("applyDeletion")
                            : method.getName().equals("deletionQueue") && !written.get();
                    if (now && batches.get() == 1 && written.compareAndSet(false, true)) {
                        Link aunt = new Link(onRoll[0], "P-SHARED", 2, false, "Aunt", ParentalResponsibility.UNKNOWN, Origin.MANUAL);
                        someoneElse.edit(SCHOOL, new ChangeSet(Changes.none(), Changes.none(),
                                new Changes<>(List.of(aunt), List.of(), List.of()), Changes.none(), Changes.none(),
                                Changes.none(), List.of()));
                    }
                    return result;
                });
        LeaverSchool school = synced(dir, Map.of("deletion_batchSize", 1), database, writesAfterTheFirstBatch);
        DirectoryState synced = school.store.load(SCHOOL);
        List<String> leavers = leavers(synced).subList(0, 2);
        onRoll[0] = synced.members().stream().filter(m -> m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.ON_ROLL)
                .map(Member::id).filter(id -> synced.links().stream().filter(l -> l.memberId().equals(id)).count() < 4)
                .findFirst().orElseThrow();
        for (String leaver : leavers) {
            school.service.link(SCHOOL, leaver, adult("P-SHARED"), 2, false, Origin.MANUAL);
        }
        int loadsBefore = school.schoolLoads.get();

        school.store.deletions().queueDeletion(SCHOOL, new ArrayList<>(leavers), "test");
        school.leavers.processDeletions();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> school.store.deletions().deletionQueue(SCHOOL).isEmpty()
                && !school.leavers.progress().running());

        DirectoryState after = school.store.load(SCHOOL);
        assertThat(school.leavers.progress().lastError()).isNull();
        assertThat(after.people()).as("linked to a student on roll since the first batch: stays")
                .anyMatch(p -> p.id().equals("P-SHARED"));
        assertThat(after.links()).filteredOn(l -> l.personId().equals("P-SHARED")).extracting(Link::memberId)
                .containsExactly(onRoll[0]);
        assertThat(school.store.deletions().deletedMembers(SCHOOL)).containsExactlyInAnyOrderElementsOf(leavers);
        assertThat(school.schoolLoads.get() - loadsBefore).as("loaded again after the write").isEqualTo(2);
        school.stop();
    }
}
