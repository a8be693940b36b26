package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.OutboxEntry;
import org.misbridge.api.directory.PendingEntry;

/** The CSV drop: whole files with their change ids, never a half file under the final name. */
class CsvDropTransportTest {

    private static PendingEntry entry(long seq, String member, String status) {
        String payload = "{\"memberId\":\"" + member + "\",\"kind\":\"Student\",\"givenName\":\"Ann\",\"familyName\":\"O'Neil, Jr\","
                + "\"yearGroup\":\"7\",\"registrationGroup\":\"7A\",\"status\":" + (status == null ? "null" : "\"" + status + "\"")
                + ",\"preAdmission\":false,\"admissionDate\":null}";
        return new PendingEntry(seq, new OutboxEntry("meals", member, payload), Instant.EPOCH);
    }

    @Test
    void aBatchBecomesOneWholeFileNamedAfterItsChangeIds(@TempDir Path dir) throws Exception {
        Path drop = dir.resolve("out");
        new CsvDropTransport(drop).send("greenfield", List.of(entry(7, "s1", "Open"), entry(8, "s2", null)));

        List<String> lines = Files.readAllLines(drop.resolve("greenfield-meals-7-8.csv"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", CsvDropTransport.HEADER));
        assertThat(lines.get(1)).startsWith("greenfield-meals-7,s1,Student,Ann,\"O'Neil, Jr\",7,7A,Open,false,");
        assertThat(lines.get(2)).startsWith("greenfield-meals-8,s2,").contains(",7A,,false,");
        try (Stream<Path> files = Files.list(drop)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("greenfield-meals-7-8.csv");
        }
    }

    @Test
    void aFolderThatCannotBeWrittenFailsThePushAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file where the folder should be");

        assertThatThrownBy(() -> new CsvDropTransport(notAFolder).send("greenfield", List.of(entry(1, "s1", "Open"))))
                .isInstanceOf(PushException.class).hasMessageContaining("greenfield-meals-1-1.csv");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("taken");
        }
    }
}
