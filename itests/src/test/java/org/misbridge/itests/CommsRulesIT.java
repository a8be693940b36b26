package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 23 in the assembly, driven as a script on the host drives it, over SSH as {@code bin/client -b}
 * sends it (SshScript; each refusal through {@code bin/client} itself, whose exit code a script sees):
 * a prime parent linked by hand is never joined by a second prime from import (item 1); a small
 * school cannot lose half its roll in one sync, and a near-empty read fails (item 2); and
 * {@code contacts.primePriorities=1,2} in a .cfg file works, while a bad value names the key (item 4).
 * Each school is a OneRoster set written by hand (SmallRoster) and two files dropped into etc/.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommsRulesIT extends MisBridgeTestSupport {

    @Configuration
    public Option[] config() {
        return with(baseOptions());
    }

    private static SmallRoster roster(String school) {
        return new SmallRoster(Path.of(System.getProperty("karaf.home"), "data", "itest-rosters", school), school);
    }

    /** The school's reader and sync files, the sync's settings given as a .cfg file writes them. */
    private void configure(String school, SmallRoster roster, String... syncSettings) throws Exception {
        dropConfig("org.misbridge.mis.oneroster-" + school + ".cfg",
                "school.id=" + school + "\ncsv.path=" + roster.folder() + "\n");
        List<String> sync = new ArrayList<>(List.of("school.id=" + school, "reader.target=(school.id=" + school + ")", "schedule="));
        sync.addAll(List.of(syncSettings));
        dropConfig("org.misbridge.sync-" + school + ".cfg", String.join("\n", sync) + "\n");
    }

    private SshScript ssh;

    @Before
    public void openSsh() {
        ssh = SshScript.ofThisHost();
    }

    @After
    public void closeSsh() {
        ssh.close();
    }

    private BatchClient.Result admin(String... commands) {
        return ssh.run("karaf", "karaf", commands);
    }

    /** Runs a command through bin/client as the admin and returns its output, failing on a non-zero exit. */
    private String ok(String command) {
        BatchClient.Result r = admin(command);
        assertEquals(command + ":\n" + r, 0, r.exitCode());
        return r.out();
    }

    /**
     * A --json command's output, parsed. The bin/client script itself may print a line first (such as
     * "client: JAVA_HOME not set; results may vary" on a host without JAVA_HOME), so the JSON starts at
     * the first line that opens an object or an array.
     */
    /** Runs a command that must fail (a refused or failed sync is an error: bin/client exits non-zero) and returns its output. */
    private String refused(String command) {
        BatchClient.Result r = BatchClient.ofThisHost().run("karaf", "karaf", command);
        assertTrue(command + ":\n" + r, r.exitCode() != 0);
        return r.out() + r.err();
    }

    private JsonNode okJson(String command) {
        String out = ok(command);
        int start = out.startsWith("{") || out.startsWith("[") ? 0 : Math.max(out.indexOf("\n{"), out.indexOf("\n[")) + 1;
        return json(out.substring(start));
    }

    private void awaitSchool(String school) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .until(() -> runningIn(admin("school:list --json").out(), school));
    }

    private static JsonNode linksOf(JsonNode member, String person) {
        for (JsonNode link : member.get("links")) {
            if (link.get("person").asText().equals(person)) {
                return link;
            }
        }
        return null;
    }

    @Test
    public void aPrimeParentLinkedByHandIsNeverJoinedByASecondPrimeFromImport() throws Exception {
        SmallRoster roster = roster("primes").write(10);
        configure("primes", roster, "contacts.maxPriority=2");
        awaitSchool("primes");
        assertTrue(ok("school:sync primes").contains("Synced primes"));
        String pupil = roster.student(1);

        assertTrue(ok("school:link --prime primes " + pupil + " gran-1 Gran Hand").contains("gran-1"));
        assertTrue(ok("school:sync primes").contains("Synced primes"));

        JsonNode member = okJson("school:member --json primes " + pupil);
        int primes = 0;
        for (JsonNode link : member.get("links")) {
            primes += link.get("prime").asBoolean() ? 1 : 0;
        }
        assertEquals(member.toString(), 1, primes);
        assertTrue(member.toString(), linksOf(member, "gran-1").get("prime").asBoolean());
        assertEquals(member.toString(), null, linksOf(member, roster.mum(1)));
        assertFalse(member.toString(), linksOf(member, roster.dad(1)).get("prime").asBoolean());
        String issues = ok("school:issues --kind prime-parent-linked primes");
        assertTrue(issues, issues.contains(pupil) && issues.contains(roster.mum(1)) && issues.contains("1 issue(s)"));
        // the other pupils keep their MIS prime parent
        JsonNode other = okJson("school:member --json primes " + roster.student(2));
        assertTrue(other.toString(), linksOf(other, roster.mum(2)).get("prime").asBoolean());
    }

    @Test
    public void aSmallSchoolCannotLoseHalfItsRollAndANearEmptyReadFails() throws Exception {
        SmallRoster six = roster("six").write(6);
        configure("six", six);
        awaitSchool("six");
        assertTrue(ok("school:sync six").contains("Synced six"));

        six.listOnly(1, 5); // one pupil left: one-pupil noise, within the floor
        assertTrue(ok("school:sync six").contains("Synced six"));
        assertEquals(1, okJson("school:status six --json").get("leavers").asInt());

        six.listOnly(1, 1); // four of the five on roll would go
        String refused = refused("school:sync six");
        assertTrue(refused, refused.contains("refused") && refused.contains("students: 4 of 5"));
        assertEquals(1, okJson("school:status six --json").get("leavers").asInt());

        SmallRoster sixty = roster("sixty").write(60);
        configure("sixty", sixty);
        awaitSchool("sixty");
        assertTrue(ok("school:sync sixty").contains("Synced sixty"));
        sixty.listOnly(1, 53);
        assertTrue(refused("school:sync sixty").contains("refused"));
        sixty.listOnly(1, 6);
        String nearEmpty = refused("school:sync sixty --force");
        assertTrue(nearEmpty, nearEmpty.contains("failed") && nearEmpty.contains("near-empty"));
        assertEquals(0, okJson("school:status sixty --json").get("leavers").asInt());
        sixty.listOnly(1, 54);
        assertTrue(ok("school:sync sixty").contains("Synced sixty"));
        assertEquals(6, okJson("school:status sixty --json").get("leavers").asInt());
    }

    @Test
    public void primePrioritiesWrittenCommaSeparatedInACfgFileWorkAndABadValueNamesTheKey() throws Exception {
        SmallRoster lists = roster("lists").write(4);
        configure("lists", lists, "contacts.primePriorities=1,2", "contacts.maxPriority=2");
        awaitSchool("lists");
        assertTrue(ok("school:sync lists").contains("Synced lists"));
        JsonNode member = okJson("school:member --json lists " + lists.student(1));
        assertTrue(member.toString(), linksOf(member, lists.mum(1)).get("prime").asBoolean());
        assertTrue(member.toString(), linksOf(member, lists.dad(1)).get("prime").asBoolean());
        assertEquals(8, okJson("school:status lists --json").get("primeParents").asInt());

        SmallRoster bad = roster("badlist").write(4);
        configure("badlist", bad, "contacts.primePriorities=1,x", "contacts.maxPriority=2");
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() ->
                Files.readString(log, StandardCharsets.UTF_8).contains("contacts.primePriorities: 'x' is not a whole number"));
        // the refused file leaves the school listed as MISCONFIGURED, never synced with a guessed list
        String list = ok("school:list");
        String row = list.lines().filter(l -> l.contains("badlist")).findFirst().orElse("");
        assertTrue(list, row.contains("MISCONFIGURED"));
    }
}
