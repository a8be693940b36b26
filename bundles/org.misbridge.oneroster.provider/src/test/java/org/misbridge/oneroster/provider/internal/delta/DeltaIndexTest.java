package org.misbridge.oneroster.provider.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.RowChange;
import org.misbridge.api.directory.RowKind;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.mapping.Tombstones;

/**
 * A delta looks at what the log's entries since its time touch, and nothing else. The school began
 * its log at T0 with S1, T1, P1, Maths and Old; at T1: S2 changed, S3 was deleted with her link, her
 * father P3 and her Maths place, Old was made inactive, a hand-added coach O2 went, P1's email
 * changed and the coach O1 joined Maths.
 */
class DeltaIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-02T07:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T16:30:00.250Z");
    private static final String BASE = "https://host/ims/oneroster/rostering/v1p2";

    private static Member member(String id, MemberKind kind) {
        return new Member(id, kind, "G" + id, "F" + id, null, null, EnrolmentState.ON_ROLL, null, null, null,
                kind == MemberKind.OTHER ? Origin.MANUAL : Origin.IMPORT);
    }

    private static final DirectoryState STATE = new DirectoryState("sch",
            List.of(member("S1", MemberKind.STUDENT), member("S2", MemberKind.STUDENT), member("T1", MemberKind.STAFF),
                    member("O1", MemberKind.OTHER)),
            List.of(new LinkedPerson("P1", "Pat", "One", Origin.IMPORT)),
            List.of(new Link("S1", "P1", 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT)),
            List.of(new ContactDetail("P1", DetailKind.EMAIL, "pat@example.org", false, Origin.IMPORT)),
            List.of(new DirectoryGroup("MATH", "Maths", GroupKind.CLASS, true, Origin.IMPORT),
                    new DirectoryGroup("OLD", "Old", GroupKind.CLASS, false, Origin.IMPORT)),
            List.of(new GroupMembership("MATH", "S1"), new GroupMembership("MATH", "T1"),
                    new GroupMembership("OLD", "S1"), new GroupMembership("MATH", "O1")),
            List.of());

    private static RowChange at(RowKind kind, String id, String other, boolean deleted, MemberKind memberKind) {
        return new RowChange(kind, id, other, T1, deleted, memberKind);
    }

    private static final List<RowChange> LOG = List.of(
            at(RowKind.MEMBER, "S2", "", false, MemberKind.STUDENT),
            at(RowKind.MEMBER, "S3", "", true, MemberKind.STUDENT),
            at(RowKind.LINK, "S3", "P3", true, null),
            at(RowKind.PERSON, "P3", "", true, null),
            at(RowKind.MEMBERSHIP, "MATH", "S3", true, null),
            at(RowKind.GROUP, "OLD", "", false, null),
            at(RowKind.MEMBER, "O2", "", true, MemberKind.OTHER),
            at(RowKind.DETAILS, "P1", "", false, null),
            at(RowKind.MEMBERSHIP, "MATH", "O1", false, null));

    private final SchoolChanges changes = SchoolChanges.logged(new ChangeLogState("sch", T0, T0, 2),
            Duration.ofDays(30), LOG, T0);
    private final RosterView view = RosterMapper.map(STATE, new School("sch", "School", ZoneId.of("Europe/London")), T1,
            changes, BASE);
    private final DeltaIndex index = new DeltaIndex(changes, STATE, view, new Tombstones(BASE, "sch"));

    /** Each tombstone as "sourcedId dateLastModified role". */
    private static List<String> shown(List<Map<String, Object>> gone) {
        List<String> shown = new ArrayList<>();
        for (Map<String, Object> r : gone) {
            Object role = r.get("role") != null ? r.get("role")
                    : r.get("roles") instanceof List<?> roles ? ((Map<?, ?>) roles.get(0)).get("role") : null;
            assertThat(r.get("status")).isEqualTo("tobedeleted");
            shown.add(r.get("sourcedId") + " " + r.get("dateLastModified") + " " + role);
        }
        return shown;
    }

    @Test
    void eachRecordCarriesItsOwnLastChangeOrTheTimeTheLogBegan() {
        Map<String, String> users = new java.util.HashMap<>();
        view.users().forEach(u -> users.put((String) u.get("sourcedId"), (String) u.get("dateLastModified")));
        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of("S1", "2026-11-02T07:00:00Z",
                "S2", "2026-11-20T16:30:00.250Z", "T1", "2026-11-02T07:00:00Z", "P1", "2026-11-20T16:30:00.250Z"));
        assertThat(view.classes()).extracting(c -> c.get("dateLastModified")).containsExactly("2026-11-02T07:00:00Z");
        assertThat(changes.membership("OLD", "S1")).as("its group changed").isEqualTo(T1);
        assertThat(changes.membership("MATH", "S1")).isEqualTo(T0);
    }

    @Test
    void aDeltaLooksOnlyAtWhatItsEntriesTouch() {
        DeltaIndex.Delta users = index.since("users", T1);
        assertThat(users.changed()).containsExactlyInAnyOrder("S2", "P1");
        assertThat(shown(users.gone())).containsExactlyInAnyOrder("S3 2026-11-20T16:30:00.250Z student",
                "P3 2026-11-20T16:30:00.250Z null");

        DeltaIndex.Delta classes = index.since("classes", T1);
        assertThat(classes.changed()).isEmpty();
        assertThat(shown(classes.gone())).containsExactly("OLD 2026-11-20T16:30:00.250Z null");

        DeltaIndex.Delta enrollments = index.since("enrollments", T1);
        assertThat(enrollments.changed()).as("the coach's place is never served").isEmpty();
        assertThat(shown(enrollments.gone())).containsExactlyInAnyOrder("MATH:S3 2026-11-20T16:30:00.250Z student",
                "OLD:S1 2026-11-20T16:30:00.250Z student");

        for (String base : DeltaIndex.TRACKED) {
            DeltaIndex.Delta after = index.since(base, T1.plusNanos(1));
            assertThat(after.changed()).isEmpty();
            assertThat(after.gone()).isEmpty();
        }
    }

    @Test
    void aDeltaMayStartNoEarlierThanTheRetentionNorTheLogsBeginning() {
        assertThat(changes.deltasFrom(T1)).isEqualTo(T0);
        assertThat(changes.deltasFrom(T0.plus(Duration.ofDays(40)))).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(changes.deltasFrom(T0.plus(Duration.ofDays(40)).plusNanos(1)))
                .as("up to a time a consumer can give back").isEqualTo(T0.plus(Duration.ofDays(10)).plusMillis(1));
        assertThat(SchoolChanges.unlogged(T1).deltasFrom(T1)).isNull();
    }
}
