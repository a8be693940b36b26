package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.directory.MemberKind;
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
        String folder = Path.of(System.getProperty("misbridge.itest.work", "target/itest-work") + "/org-rest")
                .toAbsolutePath().toString();
        // a school whose files, with the keys from before the oneroster. prefix, are in etc/ before Karaf
        // starts: the renaming plugin must be there before the reader is configured
        Option[] atBoot = {
            editConfigurationFilePut("etc/org.misbridge.mis.oneroster-atboot.cfg", "school.id", "atboot"),
            editConfigurationFilePut("etc/org.misbridge.mis.oneroster-atboot.cfg", "csv.path", folder),
            editConfigurationFilePut("etc/org.misbridge.mis.oneroster-atboot.cfg", "org.sourcedId", "org-rest"),
            editConfigurationFilePut("etc/org.misbridge.sync-atboot.cfg", "school.id", "atboot"),
            editConfigurationFilePut("etc/org.misbridge.sync-atboot.cfg", "reader.target", "(school.id=atboot)"),
            editConfigurationFilePut("etc/org.misbridge.sync-atboot.cfg", "schedule", ""),
        };
        return with(with(with(baseOptions(), school), OneRosterApiOptions.serve(folder)), atBoot);
    }

    @Test
    public void aSchoolWithTheOldKeysInEtcAtBootIsReadUnderTheNewNames() throws Exception {
        awaitSchoolsRunning("atboot");
        assertContains(executeCommand("school:sync atboot"), "Synced atboot");
        assertEquals(Long.getLong("it.expected.students").longValue(), directory.counts("atboot").students());
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"), StandardCharsets.UTF_8);
        assertContains(log, "etc/org.misbridge.mis.oneroster-atboot.cfg: configuration keys renamed with the connector prefix",
                "csv.path -> oneroster.csv.path", "org.sourcedId -> oneroster.org.sourcedId");
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

        // these files use the keys from before the oneroster. prefix: read under the new names, one WARN
        // per file naming old and new keys and no value, however often the configuration is delivered
        List<String> renamed = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("etc/org.misbridge.mis.oneroster-byrest.cfg: configuration keys renamed with the connector prefix")).toList();
        assertEquals(renamed.toString(), 1, renamed.size());
        assertContains(renamed.get(0), "WARN", "mode -> oneroster.mode", "rest.baseUrl -> oneroster.rest.baseUrl",
                "rest.clientSecretFile -> oneroster.rest.clientSecretFile", "org.sourcedId -> oneroster.org.sourcedId");
        for (String value : new String[] {secret, System.getProperty("it.rest.secretFile"), System.getProperty("it.rest.baseUrl"), org}) {
            assertFalse(value, renamed.get(0).contains(value));
        }
    }

    @Test
    public void aRestSchoolWithDeltasReplansOnlyWhatTheDeltaTouched() throws Exception {
        String org = System.getProperty("it.school.org");
        dropConfig("org.misbridge.mis.oneroster-bydelta.cfg", String.join("\n",
                "school.id=bydelta",
                "oneroster.mode=rest",
                "oneroster.rest.baseUrl=" + System.getProperty("it.rest.baseUrl"),
                "oneroster.rest.tokenUrl=" + System.getProperty("it.rest.tokenUrl"),
                "oneroster.rest.clientId=" + OneRosterApiOptions.CLIENT_ID,
                "oneroster.rest.clientSecretFile=" + System.getProperty("it.rest.secretFile"),
                "oneroster.rest.deltas=true",
                "oneroster.org.sourcedId=" + org,
                ""));
        dropConfig("org.misbridge.sync-bydelta.cfg", "school.id=bydelta\nreader.target=(school.id=bydelta)\n");
        awaitSchoolsRunning("bydelta");
        assertContains(executeCommand("school:sync bydelta"), "Synced bydelta");
        long students = directory.counts("bydelta").students();
        JsonNode whole = json(executeCommand("school:status bydelta --json")).get("lastSync");

        assertContains(executeCommand("school:sync bydelta"), "Synced bydelta");
        JsonNode nothing = json(executeCommand("school:status bydelta --json")).get("lastSync");
        assertEquals(0, nothing.get("rowsWritten").asLong());
        assertTrue("a delta that changed nothing loads no member: " + nothing,
                nothing.get("rowsLoaded").asLong() < students && nothing.get("rowsLoaded").asLong() < whole.get("rowsWritten").asLong());

        String student = directory.load("bydelta").members().stream()
                .filter(m -> m.kind() == MemberKind.STUDENT).findFirst().orElseThrow().id();
        fetch(System.getProperty("it.rest.controlUrl") + "?modify=users/" + student + "/familyName/Deltaname");
        assertContains(executeCommand("school:sync bydelta"), "Synced bydelta", "1 updated");
        JsonNode renamed = json(executeCommand("school:status bydelta --json")).get("lastSync");
        assertEquals(1, renamed.get("rowsWritten").asLong());
        assertTrue("the delta loads the touched family, not the school: " + renamed,
                renamed.get("rowsLoaded").asLong() < students);
        assertEquals("Deltaname", directory.load("bydelta").members().stream().filter(m -> m.id().equals(student))
                .findFirst().orElseThrow().familyName());
    }
}
