package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.misbridge.api.DirectoryEdits.Adult;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.sync.plan.HandEdits;
import org.misbridge.sync.plan.ImportSettings;

/**
 * Issue 23, item 1. The Schoolcomms import article: the import brings in "the Priority 1 contacts of
 * all Students that do not already have a linked Prime Parent"; lower priorities come in as
 * non-prime. So a student whose prime parent was linked by hand or on the web gets no prime from
 * import: the MIS's priority-1 contact is not imported for that student at all, and a data issue
 * tells the school why.
 */
class OnePrimeParentTest {

    /** Priority 1 is prime, priority 2 comes in as non-prime. */
    private static final ImportSettings TWO_PRIORITIES = new ImportSettings(false, false, Set.of(1), 2, false, true, true, true);

    /** s1 with mum (priority 1) and dad (priority 2), in a school of ten families (so one contact less is within the threshold). */
    private static RecordedSchool schoolWithMumAndDad(RecordedSchool.Store store) {
        RecordedSchool school = new RecordedSchool(store);
        for (int i = 2; i <= 10; i++) {
            school.onRoll("s" + i);
            school.contact("parent-" + i, null, null);
            school.link("s" + i, "parent-" + i, 1);
        }
        school.onRoll("s1");
        school.contact("mum", "mum@example.org", "07700900001");
        school.contact("dad", "dad@example.org", "07700900002");
        school.link("s1", "mum", 1);
        school.link("s1", "dad", 2);
        return school;
    }

    private static void linkByHand(RecordedSchool school, String person, boolean prime, Origin origin) {
        school.directory.edit(RecordedSchool.ID, new HandEdits(school.state()).link("s1",
                new Adult(person, "Gran", "Hand", "Grandparent", person + "@example.org", null), 1, prime, origin));
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void aPrimeParentLinkedByHandIsNeverJoinedByASecondPrimeFromImport(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = schoolWithMumAndDad(store)) {
            school.sync(TWO_PRIORITIES);
            assertThat(school.linksOf("s1")).extracting(Link::personId, Link::prime)
                    .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", false));

            linkByHand(school, "gran", true, Origin.MANUAL);
            SyncRun run = school.sync(TWO_PRIORITIES);

            assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(school.linksOf("s1")).filteredOn(Link::prime).extracting(Link::personId, Link::origin)
                    .containsExactly(tuple("gran", Origin.MANUAL));
            // the MIS's priority-1 contact is not imported at all for s1; the lower priority still is
            assertThat(school.linksOf("s1")).extracting(Link::personId, Link::prime)
                    .containsExactlyInAnyOrder(tuple("gran", true), tuple("dad", false));
            assertThat(school.issues("prime-parent-linked")).singleElement().satisfies(i -> {
                assertThat(i.memberId()).isEqualTo("s1");
                assertThat(i.personId()).isEqualTo("mum");
                assertThat(i.reason()).contains("gran");
            });

            SyncRun again = school.sync(TWO_PRIORITIES);
            assertThat(again.created() + again.updated() + again.removed()).isZero();
            assertThat(school.issues("prime-parent-linked")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void onceTheHandMadePrimeIsUnlinkedThePriorityOneContactIsImportedAsPrimeAgain(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = schoolWithMumAndDad(store)) {
            school.sync(TWO_PRIORITIES);
            linkByHand(school, "gran", true, Origin.WEB);
            school.sync(TWO_PRIORITIES);
            assertThat(school.linksOf("s1")).extracting(Link::personId).doesNotContain("mum");

            school.directory.edit(RecordedSchool.ID, new HandEdits(school.state()).unlink("s1", "gran"));
            school.sync(TWO_PRIORITIES);

            assertThat(school.linksOf("s1")).extracting(Link::personId, Link::prime)
                    .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", false));
            assertThat(school.state().dataIssues()).extracting(DataIssue::kind).doesNotContain("prime-parent-linked");
        }
    }

    @ParameterizedTest
    @EnumSource(RecordedSchool.Store.class)
    void anAdultLinkedByHandAsNonPrimeLeavesThePriorityOneContactPrime(RecordedSchool.Store store) throws Exception {
        try (RecordedSchool school = schoolWithMumAndDad(store)) {
            school.sync(TWO_PRIORITIES);
            linkByHand(school, "gran", false, Origin.MANUAL);

            school.sync(TWO_PRIORITIES);

            assertThat(school.linksOf("s1")).extracting(Link::personId, Link::prime)
                    .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", false), tuple("gran", false));
            assertThat(school.state().dataIssues()).extracting(DataIssue::kind).doesNotContain("prime-parent-linked");
        }
    }
}
