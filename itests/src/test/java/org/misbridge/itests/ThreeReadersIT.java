package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Three schools in one host, one per reader kind: OneRoster CSV, Wonde (an API on 127.0.0.1) and
 * a DfE CTF file. The Wonde and CTF readers are features installed at run time, as an operator
 * would for the schools that need them; each school syncs into the directory with its priority-1
 * contacts as prime parents and the others as non-prime.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThreeReadersIT extends MisBridgeTestSupport {

    @Configuration
    public Option[] config() {
        return with(with(baseOptions(), GeneratedSchoolOptions.generate("org-three", 80, 53L)), ThreeReadersOptions.prepare());
    }

    @Test
    public void oneSchoolPerReaderKindSyncsWithTheRightPrimeParents() throws Exception {
        // the feature commands may still be registering when the test starts
        awaitOutput("feature:install misbridge-mis-wonde misbridge-mis-ctf", out -> true);
        awaitOutput("feature:list -i", out -> out.contains("misbridge-mis-wonde") && out.contains("misbridge-mis-ctf"));
        dropConfig("org.misbridge.mis.oneroster-byoneroster.cfg", "school.id=byoneroster\ncsv.path="
                + System.getProperty("it.school.path") + "\norg.sourcedId=" + System.getProperty("it.school.org") + "\n");
        dropConfig("org.misbridge.mis.wonde-bywonde.cfg", String.join("\n",
                "school.id=bywonde",
                "wonde.schoolId=" + System.getProperty("it.wonde.schoolId"),
                "wonde.baseUrl=" + System.getProperty("it.wonde.baseUrl"),
                "wonde.tokenFile=" + System.getProperty("it.wonde.tokenFile"),
                "wonde.perPage=3",
                "wonde.deltas=true",
                ""));
        dropConfig("org.misbridge.mis.ctf-byctf.cfg", "school.id=byctf\nctf.path=" + System.getProperty("it.ctf.path") + "\n");
        for (String school : new String[] {"byoneroster", "bywonde", "byctf"}) {
            dropConfig("org.misbridge.sync-" + school + ".cfg", "school.id=" + school + "\nreader.target=(school.id="
                    + school + ")\nimport.preAdmissions=true\ncontacts.maxPriority=3\n");
        }
        awaitSchoolsRunning("byoneroster", "bywonde", "byctf");
        String list = executeCommand("school:list");
        assertContains(list, "oneroster-csv", "wonde", "ctf");

        for (String school : new String[] {"byoneroster", "bywonde", "byctf"}) {
            assertContains(executeCommand("school:sync " + school), "Synced " + school);
            DirectoryState state = directory.load(school);
            assertFalse(school + " has links", state.links().isEmpty());
            for (Link link : state.links()) {
                assertEquals(school + " " + link, link.priority() == 1, link.prime());
            }
        }
        assertEquals(Long.getLong("it.expected.primeParents").longValue(), directory.counts("byoneroster").primeParents());

        // Wonde: siblings P1 and P2 share Ann (C1) and Ben (C2) at opposite priorities; Cath (C3) is third for P1
        DirectoryState wonde = directory.load("bywonde");
        assertEquals(Map.of("C1", true, "C2", false, "C3", false), primeByPerson(wonde, "P1"));
        assertEquals(Map.of("C2", true, "C1", false), primeByPerson(wonde, "P2"));

        // CTF: the same parents listed under two siblings are one person each, prime for one child only
        DirectoryState ctf = directory.load("byctf");
        Map<String, String> names = ctf.people().stream().collect(Collectors.toMap(LinkedPerson::id, p -> p.givenName()));
        assertEquals(4, ctf.people().size());
        assertEquals(Map.of("Helen", true, "Gareth", false, "Iris", false),
                rename(primeByPerson(ctf, ThreeReadersOptions.CTF_SIBLING_A), names));
        assertEquals(Map.of("Gareth", true, "Helen", false), rename(primeByPerson(ctf, ThreeReadersOptions.CTF_SIBLING_B), names));
        assertEquals(Map.of("Nia", true), rename(primeByPerson(ctf, ThreeReadersOptions.CTF_ONLY_CHILD), names));

        // the Wonde token is in a file: in no command output and no log line
        String token = ThreeReadersOptions.WONDE_TOKEN;
        for (String command : new String[] {"school:list", "school:status bywonde", "school:health"}) {
            assertFalse(command, executeCommand(command).contains(token));
        }
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertFalse("the Wonde token is in karaf.log", Files.readString(log, StandardCharsets.UTF_8).contains(token));

        // Wonde with deltas: a sync after the first asks only for what changed (updated_after) and
        // re-plans only the families that touched; a pupil renamed at Wonde is the one row written
        String control = System.getProperty("it.wonde.controlUrl");
        long deltaRequests = fetch(control).get("deltaRequests").asLong();
        assertContains(executeCommand("school:sync bywonde"), "Synced bywonde");
        JsonNode nothing = json(executeCommand("school:status bywonde --json")).get("lastSync");
        assertEquals(nothing.toString(), 0, nothing.get("rowsWritten").asLong());
        assertTrue("the sync read a delta", fetch(control + "?rename=P1/Deltaname").get("deltaRequests").asLong() > deltaRequests);
        assertContains(executeCommand("school:sync bywonde"), "Synced bywonde", "1 updated");
        JsonNode renamed = json(executeCommand("school:status bywonde --json")).get("lastSync");
        assertEquals(renamed.toString(), 1, renamed.get("rowsWritten").asLong());
        DirectoryState after = directory.load("bywonde");
        long rows = after.members().size() + after.people().size() + after.links().size() + after.details().size()
                + after.groups().size() + after.memberships().size() + after.dataIssues().size();
        assertTrue("the delta loads the touched family beyond what a delta of nothing loads, not the directory ("
                + rows + " rows): " + renamed + " after " + nothing, renamed.get("rowsLoaded").asLong() < rows
                && renamed.get("rowsLoaded").asLong() > nothing.get("rowsLoaded").asLong());
        assertEquals("Deltaname", after.members().stream().filter(m -> m.id().equals("P1"))
                .findFirst().orElseThrow().familyName());
    }

    private static Map<String, Boolean> primeByPerson(DirectoryState state, String memberId) {
        List<Link> links = state.links().stream().filter(l -> l.memberId().equals(memberId)).toList();
        return links.stream().collect(Collectors.toMap(Link::personId, Link::prime));
    }

    private static Map<String, Boolean> rename(Map<String, Boolean> byId, Map<String, String> names) {
        return byId.entrySet().stream().collect(Collectors.toMap(e -> names.get(e.getKey()), Map.Entry::getValue));
    }
}
