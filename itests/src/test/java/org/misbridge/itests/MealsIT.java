package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.Outbox;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The meals feature in the assembly: one school exports to a meal manager over HTTP, one has no
 * meal export at all, and the demo school drops CSV files; each as its own configuration decides.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MealsIT extends MisBridgeTestSupport {

    @Inject
    private Outbox outbox;

    @Configuration
    public Option[] config() {
        return with(with(baseOptions(), GeneratedSchoolOptions.generate("org-lunch", 150, 31L)), MealManagerOptions.endpoint());
    }

    @Test
    public void oneSchoolExportsOverHttpAnotherHasNoExportAndTheDemoDropsCsv() throws Exception {
        String path = System.getProperty("it.school.path");
        String org = System.getProperty("it.school.org");
        for (String school : new String[] {"lunch", "nolunch"}) {
            // the keys with the connector prefix (OneRosterRestIT and ThreeReadersIT keep the old ones)
            dropConfig("org.misbridge.mis.oneroster-" + school + ".cfg",
                    "school.id=" + school + "\noneroster.csv.path=" + path + "\noneroster.org.sourcedId=" + org + "\n");
            dropConfig("org.misbridge.sync-" + school + ".cfg",
                    "school.id=" + school + "\nreader.target=(school.id=" + school + ")\ncontacts.maxPriority=3\n");
        }
        dropConfig("org.misbridge.meals-lunch.cfg", "school.id=lunch\nmeals.endpoint="
                + System.getProperty("it.meals.endpoint") + "\nmeals.closeLeavers=onLeaveDate\n");
        awaitSchoolsRunning("lunch", "nolunch");
        awaitOutput("school:meals lunch", out -> out.contains("pending"));

        assertContains(executeCommand("school:sync lunch"), "Synced lunch");
        assertContains(executeCommand("school:sync nolunch"), "Synced nolunch");
        JsonNode meals = json(awaitOutput("school:meals lunch --json",
                out -> out.contains("\"pending\" : 0") && !out.contains("\"lastPushAt\" : null")));
        assertTrue(meals.toString(), meals.get("lastError").isNull());
        assertTrue(meals.toString(), meals.get("target").asText().startsWith("POST http://127.0.0.1:"));

        long students = json(executeCommand("school:status lunch --json")).get("students").asLong();
        JsonNode held = fetch(System.getProperty("it.meals.endpoint"));
        assertEquals(held.toString(), students, held.get("members").size());
        held.get("members").forEach(m -> assertEquals("Open", m.get("status").asText()));
        assertEquals(0, held.get("appliedTwice").asInt());

        // keys with the prefix are read without a word; the demo files ship with them too
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"), StandardCharsets.UTF_8);
        assertFalse(log, log.contains("configuration keys renamed with the connector prefix"));

        assertContains(executeFailingCommand("school:meals nolunch"), "has no meal export");
        assertEquals(0, outbox.pendingCount("nolunch", "meals"));

        // the demo school's CSV drop: whole files only, no temp file left behind
        awaitOutput("school:meals demo --json", out -> out.contains("\"pending\" : 0") && !out.contains("\"lastPushAt\" : null"));
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("karaf.base"), "demo", "meals-out"))) {
            java.util.List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.toString(), names.stream().anyMatch(n -> n.startsWith("demo-meals-") && n.endsWith(".csv")));
            assertTrue(names.toString(), names.stream().noneMatch(n -> n.endsWith(".tmp")));
        }
    }
}
