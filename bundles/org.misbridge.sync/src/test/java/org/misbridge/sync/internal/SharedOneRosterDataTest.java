package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;

/**
 * The real OneRoster 1.1 sets in the shared data folder (written by others), synced into the store.
 * Expected counts are read off the files by hand: v1p1-full has three active students, two teachers,
 * one parent who lists Mary, one active class and one to be deleted; v1p1-minimal the same people
 * with every status blank and no agents.
 */
class SharedOneRosterDataTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static Path shared(String set) {
        String property = System.getProperty("misbridge.shared.data");
        Path data = property != null ? Path.of(property) : Path.of("../../../shared/data");
        Path folder = data.resolve("oneroster").resolve(set);
        assumeTrue(Files.isDirectory(folder), "shared data folder ../shared/data is absent");
        return folder;
    }

    private static ReaderIntoStore synced(String set) {
        ReaderIntoStore school = new ReaderIntoStore("shared");
        Path folder = shared(set);
        assertThat(school.sync(DAY, clock -> new OneRosterCsvReader("shared", folder, null, clock, Limits.defaults())).outcome())
                .isEqualTo(SyncOutcome.SUCCESS);
        return school;
    }

    @Test
    void theFullSetImportsThreeStudentsOnRollTwoStaffOneParentAndOneClass() {
        ReaderIntoStore school = synced("v1p1-full");

        // students (on roll), staff, pre-admissions, leavers, contacts, prime parents, groups, data issues
        assertThat(school.counts()).isEqualTo(new SchoolCounts(3, 2, 0, 0, 1, 1, 1, 0));
        assertThat(school.state().groups()).extracting(DirectoryGroup::id, DirectoryGroup::active)
                .containsExactly(tuple("cls-222-123456", true));
        // John (teacher), Jim (a teacher enrolled as a student) and mmichel in Physics
        assertThat(school.state().memberships()).hasSize(3);
        assertThat(school.state().links()).extracting(Link::memberId, Link::personId, Link::priority, Link::prime)
                .containsExactly(tuple("usr-222-66778899", "usr-222-1234561", 1, true));
    }

    @Test
    void theMinimalSetImportsTheSamePeopleAndBothClassesWithNoLinks() {
        ReaderIntoStore school = synced("v1p1-minimal");

        assertThat(school.counts()).isEqualTo(new SchoolCounts(3, 2, 0, 0, 0, 0, 2, 0));
        assertThat(school.state().memberships()).hasSize(6);
        assertThat(school.state().links()).isEmpty();
    }
}
