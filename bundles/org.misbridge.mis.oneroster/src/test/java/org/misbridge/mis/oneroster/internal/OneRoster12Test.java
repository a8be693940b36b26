package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.OneRoster12;
import org.misbridge.testkit.SchoolGenerator;

/** OneRoster 1.2 bulk CSV: roles and orgs from roles.csv; the same data reads the same as in 1.1. */
class OneRoster12Test {

    private static final Clock TODAY = Clock.fixed(SchoolGenerator.DEFAULT_TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private static Snapshot read(Path folder, String org) throws MisReadException {
        return new OneRosterCsvReader("s", folder, org, TODAY, Limits.defaults()).read();
    }

    @Test
    void aSchoolReadsTheSameFromItsOneRoster12SetAsFromItsOneRoster11Set(@TempDir Path temp) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-12", 300, 5L), temp.resolve("v11"));
        OneRoster12.fromV11(temp.resolve("v11"), temp.resolve("v12"));

        Snapshot v11 = read(temp.resolve("v11"), null);
        Snapshot v12 = read(temp.resolve("v12"), null);

        assertThat(Files.readString(temp.resolve("v12/manifest.csv"))).contains("oneroster.version,1.2");
        assertThat(Files.readAllLines(temp.resolve("v12/users.csv")).get(0)).doesNotContain("role").contains("userMasterIdentifier");
        assertThat(v12).isEqualTo(v11);
        assertThat(v12.students()).hasSize(300);
    }

    @Test
    void aDistrictSetIsFilteredByTheOrgsInRolesCsv(@TempDir Path temp) throws Exception {
        SchoolGenerator.writeDistrict(List.of(SchoolGenerator.Spec.of("north", 80, 1L), SchoolGenerator.Spec.of("south", 60, 2L)),
                temp.resolve("v11"));
        OneRoster12.fromV11(temp.resolve("v11"), temp.resolve("v12"));

        Snapshot south = read(temp.resolve("v12"), "south");

        assertThat(south).isEqualTo(read(temp.resolve("v11"), "south"));
        assertThat(south.students()).hasSize(60).extracting(Student::id).allMatch(id -> id.startsWith("south"));
    }

    @Test
    void aOneRoster12SetWithoutRolesCsvOrWithAUserWithoutARoleIsRefusedByName(@TempDir Path temp) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-12", 20, 5L), temp.resolve("v11"));
        OneRoster12.fromV11(temp.resolve("v11"), temp.resolve("v12"));
        Path roles = temp.resolve("v12/roles.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(roles));
        String firstUser = lines.get(1).split(",")[3];
        Files.write(roles, withoutUser(lines, firstUser));

        assertThatThrownBy(() -> read(temp.resolve("v12"), null)).isInstanceOf(MisReadException.class)
                .hasMessageContaining("users.csv").hasMessageContaining("row 2").hasMessageContaining("has no role in roles.csv");

        Files.delete(roles);
        assertThatThrownBy(() -> read(temp.resolve("v12"), null)).hasMessageContaining("roles.csv").hasMessageContaining("missing");
    }

    @Test
    void aRoleTypeOtherThanPrimaryOrSecondaryIsRefusedWithFileRowAndColumn(@TempDir Path temp) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-12", 20, 5L), temp.resolve("v11"));
        OneRoster12.fromV11(temp.resolve("v11"), temp.resolve("v12"));
        Path roles = temp.resolve("v12/roles.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(roles));
        lines.set(3, lines.get(3).replace(",primary,", ",main,"));
        Files.write(roles, lines);

        assertThatThrownBy(() -> read(temp.resolve("v12"), null)).hasMessageContaining("roles.csv")
                .hasMessageContaining("row 4").hasMessageContaining("roleType").hasMessageContaining("'main'");
    }

    private static List<String> withoutUser(List<String> lines, String userId) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.split(",")[3].equals(userId)) {
                out.add(l);
            }
        }
        return out;
    }
}
