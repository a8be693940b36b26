package org.misbridge.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files or none, in the folder they are meant for, and never through a link someone planted (real links). */
class SafeFilesTest {

    @TempDir
    Path dir;

    private Path folder() throws IOException {
        return Files.createDirectories(dir.resolve("exports"));
    }

    /** A file outside the folder that a planted link points at, standing for etc/users.properties. */
    private Path victim() throws IOException {
        return Files.writeString(dir.resolve("users.properties"), "karaf = karaf,_g_:admingroup\n");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static SafeFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNewFileIsWrittenWholeAndNothingElseIsLeftInTheFolder() throws Exception {
        Path folder = folder();
        Path written = SafeFiles.writeNew(folder, "report.csv", text("a,b\n1,2\n"));

        assertThat(written).isEqualTo(folder.resolve("report.csv"));
        assertThat(Files.readString(written)).isEqualTo("a,b\n1,2\n");
        assertThat(names(folder)).containsExactly("report.csv");
    }

    @Test
    void anExistingFileIsNeverReplaced() throws Exception {
        Path folder = folder();
        Files.writeString(folder.resolve("report.csv"), "last year's");

        assertThatThrownBy(() -> SafeFiles.writeNew(folder, "report.csv", text("this year's")))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("exists already");
        assertThat(Files.readString(folder.resolve("report.csv"))).isEqualTo("last year's");
        assertThat(names(folder)).containsExactly("report.csv");
    }

    @Test
    void aLinkPlantedUnderTheNameIsRefusedAndItsTargetUntouched() throws Exception {
        Path folder = folder();
        Path victim = victim();
        Files.createSymbolicLink(folder.resolve("report.csv"), victim);

        assertThatThrownBy(() -> SafeFiles.writeNew(folder, "report.csv", text("member_id\n")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(victim)).isEqualTo("karaf = karaf,_g_:admingroup\n");
        assertThat(Files.isSymbolicLink(folder.resolve("report.csv"))).isTrue();
    }

    @Test
    void aLinkPlantedUnderTheOldPredictableTempNameIsNotFollowed() throws Exception {
        Path folder = folder();
        Path victim = victim();
        // the name the leavers bundle used to write through: "." + name + ".tmp"
        Files.createSymbolicLink(folder.resolve(".report.csv.tmp"), victim);

        SafeFiles.writeNew(folder, "report.csv", text("member_id\n"));

        assertThat(Files.readString(victim)).isEqualTo("karaf = karaf,_g_:admingroup\n");
        assertThat(Files.readString(folder.resolve("report.csv"))).isEqualTo("member_id\n");
        assertThat(Files.isSymbolicLink(folder.resolve(".report.csv.tmp"))).isTrue();
    }

    @Test
    void theTempFileIsANewRegularFileInTheTargetFolderWithAnUnpredictableName() throws Exception {
        Path folder = folder();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SafeFiles.writeNew(folder, "report-" + i + ".csv", out -> {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(p -> {
                        assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).isTrue();
                        seen.add(p.getFileName().toString());
                    });
                }
                out.write('x');
            });
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).matches("\\.report-0\\.csv\\.[0-9a-f]{16}\\.tmp");
        assertThat(seen.get(1)).matches("\\.report-1\\.csv\\.[0-9a-f]{16}\\.tmp");
        assertThat(seen.get(0).substring(14)).isNotEqualTo(seen.get(1).substring(14));
        assertThat(names(folder)).containsExactly("report-0.csv", "report-1.csv");
    }

    @Test
    void aWriteThatFailsLeavesNoFileAndNoTempFile() throws Exception {
        Path folder = folder();

        assertThatThrownBy(() -> SafeFiles.writeNew(folder, "report.csv", out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the directory went away");
        })).hasMessage("the directory went away");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void replacingRenamesOverALinkAndNeverWritesThroughIt() throws Exception {
        Path folder = folder();
        Path victim = victim();
        Files.createSymbolicLink(folder.resolve("greenfield-meals-1-2.csv"), victim);

        SafeFiles.replace(folder, "greenfield-meals-1-2.csv", text("changeId\n"));

        assertThat(Files.readString(victim)).isEqualTo("karaf = karaf,_g_:admingroup\n");
        Path written = folder.resolve("greenfield-meals-1-2.csv");
        assertThat(Files.isSymbolicLink(written)).isFalse();
        assertThat(Files.readString(written)).isEqualTo("changeId\n");
        assertThat(names(folder)).containsExactly("greenfield-meals-1-2.csv");
    }

    @Test
    void aNameThatIsAPathIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path folder = folder();
        for (String name : new String[] {"../users.properties", "/etc/passwd", "sub/report.csv", ".."}) {
            assertThatThrownBy(() -> SafeFiles.writeNew(folder, name, text("x")))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(names(folder)).isEmpty();
        assertThat(names(dir)).containsExactly("exports");
    }

    @Test
    void aFolderInOrUnderKarafsEtcOrDeployIsRefusedAndSoIsALinkToOne() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("karaf/etc"));
        Path deploy = Files.createDirectories(dir.resolve("karaf/deploy"));
        List<Path> karaf = Arrays.asList(etc, deploy);
        Path link = Files.createSymbolicLink(dir.resolve("exports-link"), etc);

        for (Path folder : List.of(etc, etc.resolve("reports"), deploy, dir.resolve("karaf/data/../etc"), link)) {
            assertThatThrownBy(() -> SafeFiles.checkedFolder(folder, "the export folder", karaf))
                    .as(folder.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the export folder " + folder + " is inside ");
        }
        Path fine = SafeFiles.checkedFolder(dir.resolve("karaf/data/misbridge/exports"), "the export folder", karaf);
        assertThat(fine).isEqualTo(dir.resolve("karaf/data/misbridge/exports").toRealPath());
        assertThat(Files.isDirectory(fine)).isTrue();
    }
}
