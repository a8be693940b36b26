package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.files.SafeFiles;

/** The host's export folder (org.misbridge.exports): where it is, what it refuses, and what a command may name in it. */
class ExportFolderComponentTest {

    @TempDir
    Path home;

    private List<Path> karafFolders() throws Exception {
        return Arrays.asList(Files.createDirectories(home.resolve("etc")), home.resolve("deploy"));
    }

    private static SafeFiles.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withNoConfigurationTheFolderIsMisbridgeExportsInKarafsDataFolder() throws Exception {
        ExportFolderComponent exports = new ExportFolderComponent("", home.toString(), home.resolve("data").toString(), karafFolders());

        assertThat(exports.folder()).isEqualTo(home.resolve("data/misbridge/exports").toRealPath());
        Path written = exports.writeNew("before-year-end", ".csv", text("member_id\n"));
        assertThat(written).isEqualTo(exports.folder().resolve("before-year-end.csv"));
        assertThat(Files.readString(written)).isEqualTo("member_id\n");
    }

    @Test
    void aRelativeFolderIsTakenFromTheKarafHome() throws Exception {
        ExportFolderComponent exports = new ExportFolderComponent("reports/out", home.toString(), home.resolve("data").toString(),
                karafFolders());

        assertThat(exports.folder()).isEqualTo(home.resolve("reports/out").toRealPath());
    }

    @Test
    void aFolderInEtcOrDeployOrLinkedIntoEtcIsRefusedAtConfiguration() throws Exception {
        List<Path> karaf = karafFolders();
        Path link = Files.createSymbolicLink(home.resolve("exports-link"), home.resolve("etc"));
        for (String folder : new String[] {"etc", "etc/reports", "deploy", home.resolve("etc").toString(), link.toString(),
            link + "/reports", "data/../etc"}) {
            assertThatThrownBy(() -> new ExportFolderComponent(folder, home.toString(), null, karaf)).as(folder)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the export folder (org.misbridge.exports folder)")
                    .hasMessageContaining("is inside");
        }
        assertThat(names(home.resolve("etc"))).isEmpty();
    }

    @Test
    void aFolderSwappedForALinkIntoEtcAfterConfigurationIsRefusedAtTheWrite() throws Exception {
        ExportFolderComponent exports = new ExportFolderComponent("exports", home.toString(), null, karafFolders());
        Files.delete(home.resolve("exports"));
        Files.createSymbolicLink(home.resolve("exports"), home.resolve("etc"));

        assertThatThrownBy(() -> exports.writeNew("org.misbridge.sync-stolen.cfg", ".csv", text("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is inside");
        assertThat(names(home.resolve("etc"))).isEmpty();
    }

    @Test
    void commandsNameFilesNeverPathsAndNeverReplaceOne() throws Exception {
        ExportFolderComponent exports = new ExportFolderComponent("", home.toString(), home.resolve("data").toString(), karafFolders());
        String etcFile = home.resolve("etc/org.misbridge.mis.oneroster-stolen.cfg").toString();
        for (String name : new String[] {etcFile, "../../../etc/org.misbridge.sync-stolen.cfg", "etc/x.cfg", "..", ".hidden.csv"}) {
            assertThatThrownBy(() -> exports.writeNew(name, ".csv", text("x"))).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(names(home.resolve("etc"))).isEmpty();
        // a name that ends in .cfg stays a CSV in the export folder
        assertThat(exports.writeNew("org.misbridge.sync-stolen.cfg", ".csv", text("x")).getFileName().toString())
                .isEqualTo("org.misbridge.sync-stolen.cfg.csv");
        assertThatThrownBy(() -> exports.writeNew("org.misbridge.sync-stolen.cfg.csv", ".csv", text("y")))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("exists already");
        assertThat(names(exports.folder())).containsExactly("org.misbridge.sync-stolen.cfg.csv");
    }
}
