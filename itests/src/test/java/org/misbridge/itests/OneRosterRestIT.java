package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.directory.SchoolCounts;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two schools in one host, one reading OneRoster CSV files and one the OneRoster REST API that
 * serves the same records: both end with the same directory; a failing API fails only its school's
 * sync, and the client secret shows nowhere.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OneRosterRestIT extends MisBridgeTestSupport {

    @Configuration
    public Option[] config() {
        Option[] school = GeneratedSchoolOptions.generate("org-rest", 120, 41L);
        String folder = System.getProperty("misbridge.itest.work", "target/itest-work") + "/org-rest";
        return with(with(baseOptions(), school), OneRosterApiOptions.serve(Path.of(folder).toAbsolutePath().toString()));
    }

    @Test
    public void aCsvSchoolAndARestSchoolOfTheSameDataEndTheSame() throws Exception {
        String org = System.getProperty("it.school.org");
        String secret = System.getProperty("it.rest.secret");
        dropConfig("org.misbridge.mis.oneroster-bycsv.cfg",
                "school.id=bycsv\ncsv.path=" + System.getProperty("it.school.path") + "\norg.sourcedId=" + org + "\n");
        dropConfig("org.misbridge.mis.oneroster-byrest.cfg", String.join("\n",
                "school.id=byrest",
                "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.rest.baseUrl"),
                "rest.tokenUrl=" + System.getProperty("it.rest.tokenUrl"),
                "rest.clientId=" + OneRosterApiOptions.CLIENT_ID,
                "rest.clientSecretFile=" + System.getProperty("it.rest.secretFile"),
                "rest.pageSize=40",
                "rest.maxAttempts=2",
                "org.sourcedId=" + org,
                ""));
        for (String school : new String[] {"bycsv", "byrest"}) {
            dropConfig("org.misbridge.sync-" + school + ".cfg",
                    "school.id=" + school + "\nreader.target=(school.id=" + school + ")\nimport.preAdmissions=true\ncontacts.maxPriority=3\n");
        }
        awaitSchoolsRunning("bycsv", "byrest");

        assertContains(executeCommand("school:sync bycsv"), "Synced bycsv");
        assertContains(executeCommand("school:sync byrest"), "Synced byrest");
        SchoolCounts byCsv = directory.counts("bycsv");
        SchoolCounts byRest = directory.counts("byrest");
        assertEquals(byCsv, byRest);
        assertEquals(Long.getLong("it.expected.students").longValue(), byRest.students());
        assertEquals(Long.getLong("it.expected.primeParents").longValue(), byRest.primeParents());
        JsonNode status = json(executeCommand("school:status byrest --json"));
        assertEquals("oneroster-rest", status.get("reader").asText());

        // the API fails every attempt: only this school's sync fails, with the cause, and nothing changes
        fetch(System.getProperty("it.rest.controlUrl") + "?fail=SERVER_ERROR,SERVER_ERROR");
        String failed = executeFailingCommand("school:sync byrest");
        assertContains(failed, "nothing changed", "HTTP 500", "gave up after 2 attempts");
        assertEquals(byRest, directory.counts("byrest"));
        assertTrue(executeCommand("school:health").lines().anyMatch(l -> l.contains("byrest") && l.contains("FAILING")));
        assertContains(executeCommand("school:sync byrest"), "Synced byrest");

        // the secret is in a file; it is in no command output and no log line
        for (String command : new String[] {"school:status byrest", "school:health", "school:list", "config:list '(service.factoryPid=org.misbridge.mis.oneroster)'"}) {
            assertFalse(command, executeCommand(command).contains(secret));
        }
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertTrue(Files.exists(log));
        assertFalse("the secret is in karaf.log", Files.readString(log, StandardCharsets.UTF_8).contains(secret));
    }

    private static JsonNode fetch(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
