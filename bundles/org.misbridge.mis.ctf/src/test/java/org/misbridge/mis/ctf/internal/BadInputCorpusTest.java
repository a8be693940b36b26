package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.spi.MisReadException;

/**
 * The corpus of broken and hostile CTF files under src/test/resources/corpus/ctf: each folder holds
 * one file.xml (read through the folder, as ctf.path would) and an expected.properties saying what
 * reading it must give: a clean read with these counts, or an error whose message has each part of
 * {@code message} and none of {@code forbidden}. Never a partial snapshot, never another kind of
 * exception.
 */
class BadInputCorpusTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(BadInputCorpusTest.class.getResource("/corpus/ctf").toURI());
        return Files.list(root).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileGivesItsExpectedOutcome(Path folder) throws Exception {
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve("expected.properties"), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        String name = folder.getFileName().toString();
        CtfReader reader = CtfFixtures.reader(folder);
        if ("error".equals(expected.getProperty("outcome"))) {
            Throwable failure = catchThrowable(reader::read);
            assertThat(failure).as(name).isInstanceOf(MisReadException.class);
            for (String part : parts(expected, "message")) {
                assertThat(failure.getMessage()).as(name).contains(part);
            }
            for (String secret : parts(expected, "forbidden")) {
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(t.toString()).as(name + ": nothing of the referenced file shows").doesNotContain(secret);
                }
            }
            return;
        }
        assertThat(expected.getProperty("outcome")).as(name).isEqualTo("ok");
        Snapshot snapshot = reader.read();
        assertThat(snapshot.failures()).isEmpty();
        count(expected, "students", snapshot.students().size());
        count(expected, "contacts", snapshot.contacts().size());
        count(expected, "links", snapshot.links().size());
        count(expected, "leavers", (int) snapshot.students().stream()
                .filter(s -> s.enrolment().state() == EnrolmentState.LEAVER).count());
        if (expected.containsKey("coverage")) {
            assertThat(snapshot.coverage().name()).as("coverage").isEqualTo(expected.getProperty("coverage"));
        }
        list(expected, "priorities", snapshot.links().stream().map(l -> Integer.toString(l.priority())).toList());
        list(expected, "parentalResponsibility", snapshot.links().stream()
                .map(ContactLink::parentalResponsibility).map(Enum::name).toList());
        list(expected, "ids", snapshot.students().stream().map(Student::id).toList());
        list(expected, "names", snapshot.students().stream().map(s -> s.givenName() + " " + s.familyName()).toList());
    }

    private static List<String> parts(Properties expected, String key) {
        String value = expected.getProperty(key);
        return value == null ? List.of() : Arrays.asList(value.split("\\|"));
    }

    private static void count(Properties expected, String key, int actual) {
        if (expected.containsKey(key)) {
            assertThat(actual).as(key).isEqualTo(Integer.parseInt(expected.getProperty(key)));
        }
    }

    private static void list(Properties expected, String key, List<String> actual) {
        if (expected.containsKey(key)) {
            assertThat(actual.stream().collect(Collectors.joining(","))).as(key).isEqualTo(expected.getProperty(key));
        }
    }
}
