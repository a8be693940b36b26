package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.scr.impl.inject.internal.Annotations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.misbridge.api.internal.SchoolClaimsRegistry;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.plan.Pause;

/**
 * Issue 23, item 4: a list-valued setting is read from the comma-separated text an operator writes
 * in a .cfg file ({@code contacts.primePriorities=1,2}, which ConfigurationAdmin holds as one
 * string) and from a typed list or array; a bad value names the key and what is expected. The
 * configuration reaches the component through Felix SCR's own conversion, as in Karaf.
 */
class ListSettingsTest {

    private final RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2);
    private final SyncScheduler scheduler = SchoolHarness.newScheduler();

    ListSettingsTest() {
        school.onRoll("s1");
        school.contact("mum", "mum@example.org", null);
        school.contact("dad", "dad@example.org", null);
        school.link("s1", "mum", 1);
        school.link("s1", "dad", 2);
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.stop();
        school.close();
    }

    /** The component as DS activates it from these configuration properties. */
    private SchoolSyncComponent configured(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(ComponentDefaults.of(SchoolSyncComponent.class));
        properties.putAll(settings);
        properties.put("school.id", RecordedSchool.ID);
        properties.put("reader.target", "(school.id=" + RecordedSchool.ID + ")");
        properties.put("schedule", "");
        SyncConfiguration config = Annotations.toObject(SyncConfiguration.class, properties, null, true);
        return new SchoolSyncComponent(config, Map.entry(Map.of(SchoolProperties.SCHOOL_ID, RecordedSchool.ID), school.mis),
                school.directory, school.directory.preferences(), school.directory.deletions(), scheduler, new SchoolClaimsRegistry());
    }

    static Stream<Arguments> primePrioritiesOneAndTwo() {
        return Stream.of(
                Arguments.of("as a .cfg file writes it", "1,2"),
                Arguments.of("with spaces", " 1 , 2 "),
                Arguments.of("as a typed Integer array", new Integer[] {1, 2}),
                Arguments.of("as a typed int array", new int[] {1, 2}),
                Arguments.of("as a typed String array", new String[] {"1", "2"}),
                Arguments.of("as a typed list", List.of(1, 2)));
    }

    @ParameterizedTest(name = "contacts.primePriorities {0}")
    @MethodSource("primePrioritiesOneAndTwo")
    void primePrioritiesAreReadFromACfgFileAndFromTypedValues(String form, Object value) {
        SchoolSyncComponent component = configured(Map.of("contacts.primePriorities", value, "contacts.maxPriority", "2"));

        assertThat(component.syncNow(SyncOptions.normal()).outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.linksOf("s1")).extracting(Link::personId, Link::prime)
                .containsExactlyInAnyOrder(tuple("mum", true), tuple("dad", true));
    }

    @ParameterizedTest(name = "contacts.primePriorities={0} is refused")
    @ValueSource(strings = {"1,x", "1;2", "0", "-1", "1,,2", " ", "99999999999"})
    void aBadValueNamesTheKeyAndWhatIsExpected(String value) {
        assertThatThrownBy(() -> configured(Map.of("contacts.primePriorities", value, "contacts.maxPriority", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contacts.primePriorities")
                .hasMessageContaining("expected");
    }

    @Test
    void pausedPartsAreReadFromACfgFileToo() {
        SchoolSyncComponent component = configured(Map.of("pause", "contacts, groups"));

        assertThat(component.paused()).containsExactlyInAnyOrder(Pause.CONTACTS, Pause.GROUPS);
    }
}
