package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A host shared by many schools and people: a credential never shows (not in the log, config:list,
 * any school:* read command, the run's message or the HTTP endpoints), even when the MIS refuses it
 * or when the configuration holds it encrypted; and a configuration can only serve the school it is
 * named for, one per connector per school.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharedHostIT extends MisBridgeTestSupport {

    /** Set for the Karaf process by the failsafe configuration; the fake OneRoster API expects another secret. */
    private static final String WRONG_SECRET_VARIABLE = "MISBRIDGE_IT_WRONG_SECRET";

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        Option[] school = GeneratedSchoolOptions.generate("org-shared", 60, 17L);
        String folder = System.getProperty("misbridge.itest.work", "target/itest-work") + "/org-shared";
        return with(with(baseOptions(), school), OneRosterApiOptions.serve(Path.of(folder).toAbsolutePath().toString()));
    }

    private static Path karafLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static String httpGet(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(misbridgeUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("karaf:karaf".getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    public void aSecretTheMisRefusesShowsUpNowhere() throws Exception {
        String secret = System.getenv(WRONG_SECRET_VARIABLE);
        assertTrue("the failsafe configuration sets " + WRONG_SECRET_VARIABLE + " for the Karaf process",
                secret != null && secret.length() > 20);
        dropConfig("org.misbridge.mis.oneroster-leaky.cfg", String.join("\n",
                "school.id=leaky",
                "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.rest.baseUrl"),
                "rest.tokenUrl=" + System.getProperty("it.rest.tokenUrl"),
                "rest.clientId=" + OneRosterApiOptions.CLIENT_ID,
                "rest.clientSecretEnv=" + WRONG_SECRET_VARIABLE,
                "rest.maxAttempts=1",
                "org.sourcedId=" + System.getProperty("it.school.org"),
                ""));
        dropConfig("org.misbridge.sync-leaky.cfg", "school.id=leaky\nreader.target=(school.id=leaky)\n");
        awaitSchoolsRunning("leaky");

        // a real sync against the real (fake) API, which refuses the client's secret at its token endpoint
        String synced = executeFailingCommand("school:sync leaky");
        assertTrue(synced, synced.contains("Sync of leaky failed, nothing changed") && synced.contains("401"));
        SyncRun run = directory.lastRun("leaky").orElseThrow();
        assertEquals(SyncOutcome.FAILED, run.outcome());

        List<String> seen = new ArrayList<>();
        seen.add("run message: " + run.message());
        seen.add("sync output: " + synced);
        seen.add(executeFailingCommand("school:sync leaky --json"));
        for (String read : new String[] {"school:list", "school:list --json", "school:status leaky", "school:status leaky --json",
            "school:health", "school:health --json", "school:stats leaky --json", "school:issues leaky --json",
            "school:audit leaky --json", "school:leavers leaky --json", "school:sync --dry-run leaky"}) {
            // leaky has no leaver lifecycle, and its dry run fails as its sync does: what they print goes in too
            seen.add(read + ": " + outputOf(read));
        }
        // config:list shows our PIDs as ConfigAdmin holds them: the variable's name, not its value
        String configs = executeCommand("config:list '(service.factoryPid=org.misbridge.mis.oneroster)'");
        assertTrue(configs, configs.contains("rest.clientSecretEnv = " + WRONG_SECRET_VARIABLE));
        seen.add(configs);
        seen.add(executeCommand("config:list '(service.factoryPid=org.misbridge.*)'"));
        seen.add(httpGet("/health"));
        seen.add(httpGet("/metrics"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(karafLog(), StandardCharsets.UTF_8).contains("Sync of school leaky failed"));
        seen.add(Files.readString(karafLog(), StandardCharsets.UTF_8));

        // an Authorization header logged would carry it Base64-encoded
        String basic = Base64.getEncoder().encodeToString((OneRosterApiOptions.CLIENT_ID + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        for (String output : seen) {
            assertFalse("the secret shows in:\n" + output, output.contains(secret));
            assertFalse("the secret shows Base64-encoded in:\n" + output, output.contains(basic));
            assertFalse("the API's own secret shows in:\n" + output, output.contains(OneRosterApiOptions.SECRET));
        }
    }

    /**
     * The encryptor of the assembly's example file, its password in a file; school:encrypt makes the
     * ENC(…) value; a school naming an encryptor not yet registered waits and starts by itself when it
     * is; the API accepts the decrypted secret; one encrypted with another password fails clearly.
     */
    @Test
    public void anEncryptedClientSecretAuthenticatesAndOnlyItsCiphertextShows() throws Exception {
        String password = "itest-Encryption-Password-5e2a";
        String otherPassword = "itest-Other-Password-77c1d";
        String secret = OneRosterApiOptions.SECRET;
        Path dir = Files.createTempDirectory("misbridge-enc");
        Path passwordFile = Files.writeString(dir.resolve("encryption-password"), password + "\n");
        Path otherPasswordFile = Files.writeString(dir.resolve("other-password"), otherPassword + "\n");
        Path plaintext = Files.writeString(dir.resolve("client-secret"), secret + "\n");
        String example = Files.readString(etc().resolve("org.misbridge.jasypt.encryptor-misbridge.cfg.example"), StandardCharsets.UTF_8);
        dropConfig("org.misbridge.jasypt.encryptor-misbridge.cfg", example
                .replace("\npasswordEnv=", "\n#passwordEnv=").replace("\n#passwordFile=", "\npasswordFile=" + passwordFile + "\n#"));

        List<String> seen = new ArrayList<>();
        String encrypted = awaitOutput("school:encrypt --file " + plaintext, out -> out.contains("ENC("));
        Files.delete(plaintext);
        seen.add(encrypted);
        String value = encrypted.lines().filter(l -> l.startsWith("ENC(")).findFirst().orElseThrow();
        assertTrue(value, value.matches("ENC\\([A-Za-z0-9+/=]{40,}\\)"));
        Path another = Files.writeString(dir.resolve("another"), "another-credential\n");
        String asJson = executeCommand("school:encrypt --json --decryptor misbridge --file " + another);
        assertEquals(asJson, "misbridge", json(asJson).get("decryptor").asText());
        assertTrue(asJson, json(asJson).get("value").asText().startsWith("ENC("));

        // a school naming an encryptor that is not registered yet is refused, saying what is missing
        String reader = String.join("\n",
                "school.id=sealed",
                "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.rest.baseUrl"),
                "rest.tokenUrl=" + System.getProperty("it.rest.tokenUrl"),
                "rest.clientId=" + OneRosterApiOptions.CLIENT_ID,
                "rest.clientSecret=" + value,
                "rest.maxAttempts=1",
                "org.sourcedId=" + System.getProperty("it.school.org"),
                "");
        dropConfig("org.misbridge.mis.oneroster-sealed.cfg", reader + "decryptor=later\n");
        dropConfig("org.misbridge.sync-sealed.cfg", "school.id=sealed\nreader.target=(school.id=sealed)\nschedule=\n");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(karafLog(), StandardCharsets.UTF_8)
                .contains("school sealed: oneroster.rest.clientSecret is encrypted (ENC(…)) but no encryptor with alias 'later' is registered"
                        + " (there are: misbridge); install the feature misbridge-jasypt and configure the encryptor in"
                        + " etc/org.misbridge.jasypt.encryptor-later.cfg"));
        // issue 19: a refused school is listed, MISCONFIGURED, with its reader's refusal as the reason
        awaitOutput("school:list", out -> out.contains("sealed") && out.contains("MISCONFIGURED"));
        String refused = executeCommand("school:health --json");
        assertTrue(refused, refused.contains("no encryptor with alias 'later'"));

        // ... and starts by itself once it is: the MIS accepts the decrypted secret
        dropConfig("org.misbridge.jasypt.encryptor-later.cfg", "alias=later\npasswordFile=" + passwordFile + "\n");
        awaitSchoolsRunning("sealed");
        String synced = executeCommand("school:sync sealed");
        assertTrue(synced, synced.contains("Synced sealed"));
        seen.add(synced);

        // a value encrypted with another password fails the school naming it and the key, and nothing else
        dropConfig("org.misbridge.jasypt.encryptor-otherkey.cfg", "alias=otherkey\npasswordFile=" + otherPasswordFile + "\n");
        dropConfig("org.misbridge.mis.oneroster-sealedwrong.cfg", reader.replace("school.id=sealed", "school.id=sealedwrong")
                + "decryptor=otherkey\n");
        dropConfig("org.misbridge.sync-sealedwrong.cfg", "school.id=sealedwrong\nreader.target=(school.id=sealedwrong)\nschedule=\n");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(karafLog(), StandardCharsets.UTF_8)
                .contains("school sealedwrong: oneroster.rest.clientSecret cannot be decrypted with the encryptor 'otherkey': it was encrypted"
                        + " with another password or algorithm, or the value is damaged; encrypt it again with school:encrypt"));
        awaitOutput("school:list", out -> out.contains("sealedwrong") && out.contains("MISCONFIGURED"));

        // ConfigAdmin holds the ciphertext only; no output and no log line holds the secret or a password
        String configs = executeCommand("config:list '(service.pid=org.misbridge.mis.oneroster~sealed)'");
        assertTrue(configs, configs.contains("rest.clientSecret = ENC("));
        seen.add(configs);
        seen.add(executeCommand("config:list '(service.factoryPid=org.misbridge.*)'"));
        for (String read : new String[] {"school:list", "school:list --json", "school:status sealed", "school:status sealed --json",
            "school:health", "school:health --json", "school:stats sealed --json", "school:issues sealed --json",
            "school:audit sealed --json", "school:sync --dry-run sealed", "school:sync sealed --json"}) {
            seen.add(read + ": " + executeCommand(read));
        }
        seen.add(httpGet("/health"));
        seen.add(Files.readString(karafLog(), StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((OneRosterApiOptions.CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
        for (String output : seen) {
            for (String hidden : new String[] {secret, basic, password, otherPassword}) {
                assertFalse("'" + hidden + "' shows in:\n" + output, output.contains(hidden));
            }
        }
    }

    @Test
    public void aConfigurationServesOnlyTheSchoolItIsNamedForAndOnlyOnePerConnector() throws Exception {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        // a file named for one school that sets another school's id
        dropConfig("org.misbridge.sync-oakwood.cfg", "school.id=demo\nreader.target=(school.id=demo)\nschedule=\n");
        // a second OneRoster reader for demo, made through ConfigurationAdmin (no file name to judge it by)
        org.osgi.service.cm.Configuration second = configAdmin.createFactoryConfiguration("org.misbridge.mis.oneroster", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("school.id", "demo");
        p.put("csv.path", System.getProperty("it.school.path"));
        second.update(p);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                String log = Files.readString(karafLog(), StandardCharsets.UTF_8);
                return log.contains("etc/org.misbridge.sync-oakwood.cfg is named for school 'oakwood' but sets school.id=demo")
                        && log.contains("configuration " + second.getPid() + " is refused: school 'demo' already has a"
                                + " org.misbridge.mis.oneroster configuration, etc/org.misbridge.mis.oneroster-demo.cfg");
            });
            // issue 19: the refused file's school is listed, MISCONFIGURED, with the refusal as the reason
            awaitOutput("school:health --json", out -> out.contains("\"oakwood\"") && out.contains("MISCONFIGURED")
                    && out.contains("is named for school 'oakwood' but sets school.id=demo"));
            // the school itself goes on as before, with its one reader and its own schedule
            assertEquals(0, syncService.schools().stream().filter(s -> s.id().equals("oakwood")).count());
            assertTrue(executeCommand("school:sync demo").contains("Synced demo"));
            assertEquals(1, syncService.schools().stream().filter(s -> s.id().equals("demo")).count());
        } finally {
            second.delete();
            Files.deleteIfExists(etc().resolve("org.misbridge.sync-oakwood.cfg"));
        }
    }
}
