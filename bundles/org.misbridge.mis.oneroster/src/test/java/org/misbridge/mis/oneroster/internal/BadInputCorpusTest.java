package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;

/**
 * The corpus of broken and hostile OneRoster sets under src/test/resources/corpus/oneroster: each
 * folder is a set with an expected.properties saying what reading it must give, either a clean
 * read with these counts or an error whose message names the file, row and column. Never a
 * partial snapshot, never another kind of exception.
 */
class BadInputCorpusTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(BadInputCorpusTest.class.getResource("/corpus/oneroster").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachSetGivesItsExpectedOutcome(Path set) throws Exception {
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(set.resolve("expected.properties"), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        OneRosterCsvReader reader = new OneRosterCsvReader("corpus", set, null, OneRosterSets.clockAt("2025-11-23"),
                Limits.defaults());
        if ("error".equals(expected.getProperty("outcome"))) {
            var failure = assertThatThrownBy(reader::read).as(set.getFileName().toString()).isInstanceOf(MisReadException.class);
            for (String part : expected.getProperty("message").split("\\|")) {
                failure.hasMessageContaining(part);
            }
            return;
        }
        Snapshot snapshot = reader.read();
        assertThat(snapshot.students()).as("students").hasSize(Integer.parseInt(expected.getProperty("students")));
        if (expected.containsKey("contacts")) {
            assertThat(snapshot.contacts()).as("contacts").hasSize(Integer.parseInt(expected.getProperty("contacts")));
        }
        if (expected.containsKey("links")) {
            assertThat(snapshot.links()).as("links").hasSize(Integer.parseInt(expected.getProperty("links")));
        }
        assertThat(snapshot.failures()).isEmpty();
    }
}
