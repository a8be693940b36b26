package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.mis.wonde.internal.WondeConfiguration;
import org.misbridge.mis.wonde.internal.WondeReaderComponent;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.FakeWonde;

/**
 * Issue 17, rule 1 for Wonde: a class or group that the API no longer lists (a full read) or lists
 * under {@code deletions} (a delta read) leaves the directory with its memberships, whatever
 * {@code groups.activeOnly} says.
 */
class WondeDeletedGroupsTest {

    private static final String TOKEN = "wonde-token-for-this-test";

    @TempDir
    Path temp;

    private FakeWonde wonde;
    private WondeReaderComponent reader;

    @BeforeEach
    void start() throws Exception {
        wonde = FakeWonde.start(FakeWonde.School.sample(), TOKEN);
    }

    @AfterEach
    void stop() {
        wonde.close();
    }

    private WondeReaderComponent reader(String school, boolean deltas) throws Exception {
        Path token = Files.writeString(temp.resolve("token"), TOKEN + "\n");
        Map<String, Object> values = Map.of("school.id", school, "wonde.schoolId", wonde.school().wondeId(),
                "wonde.baseUrl", wonde.baseUrl().toString(), "wonde.tokenFile", token.toString(), "wonde.deltas", deltas,
                "wonde.perPage", 3);
        WondeConfiguration config = Configs.of(WondeConfiguration.class, values);
        return new WondeReaderComponent(config, Map.of("service.pid", "wonde-" + school), List.of(), new SchoolClaimsRegistry());
    }

    /** The sample school without its 8B English class and its Red House group. */
    private static FakeWonde.School withoutTwoGroups(FakeWonde.School before) {
        List<FakeWonde.Grouping> groups = new ArrayList<>(before.groups());
        groups.removeIf(g -> g.id().equals("K-8EN") || g.id().equals("G-RED"));
        return new FakeWonde.School(before.wondeId(), before.pupils(), before.carers(), before.employees(), groups);
    }

    @ParameterizedTest(name = "deltas={0}")
    @ValueSource(booleans = {false, true})
    void aClassOrGroupGoneFromWondeLeavesTheDirectoryWithItsMemberships(boolean deltas) throws Exception {
        String school = "wonde-groups-" + deltas;
        WondeReaderComponent wondeReader = reader(school, deltas);
        for (boolean activeOnly : new boolean[] {false, true}) {
            wonde.school(FakeWonde.School.sample());
            ReaderIntoStore store = new ReaderIntoStore(school).settings(DeletedClassesTest.settings(activeOnly));
            LocalDate today = LocalDate.now(ReaderIntoStore.LONDON);
            assertThat(store.sync(today, clock -> wondeReader).outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(store.state().groups()).extracting(DirectoryGroup::id).contains("K-8EN", "G-RED");

            wonde.school(withoutTwoGroups(FakeWonde.School.sample()));
            assertThat(store.sync(today, clock -> wondeReader).outcome()).isEqualTo(SyncOutcome.SUCCESS);

            assertThat(store.state().groups()).extracting(DirectoryGroup::id)
                    .containsExactlyInAnyOrder("G-Y7", "G-Y8", "G-7A", "G-8B", "K-7MA");
            assertThat(store.state().memberships()).extracting(GroupMembership::groupId).doesNotContain("K-8EN", "G-RED");
        }
        if (deltas) {
            assertThat(wonde.requests()).anyMatch(r -> r.contains("deletions"));
        }
    }
}
