package org.misbridge.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.misbridge.testkit.KarafHost;
import org.misbridge.testkit.PostgresDatabase;
import org.misbridge.testkit.PostgresOrSkip;
import org.misbridge.testkit.SchoolGenerator;

/**
 * The install paths on a stock Apache Karaf 4.4.10 (issue 19), not the assembly: the distribution from
 * Maven Central, unpacked, with no remote Maven repository and an empty local one, so everything must
 * come from the offline KAR. It installs every MIS Bridge feature from the KAR, adds a school, syncs
 * it, then uninstalls and reinstalls each optional feature, checking after each step that the school
 * still syncs (and, while its reader's feature is gone, that it shows as NO_READER); then it moves the
 * directory to PostgreSQL and does it again for the features that once took the store down; last, it
 * takes the datasource away and looks for the warning that says what to configure. Every step's time
 * goes to {@code target/stock-karaf/steps.md}; a failed run keeps the host's folder there.
 */
class StockKarafIT {

    private static final Path WORK = Path.of("target", "stock-karaf");
    private static final String SCHOOL = "green";
    private static final List<String> EVERY_FEATURE = List.of("misbridge-core", "misbridge-mis-oneroster",
            "misbridge-mis-wonde", "misbridge-mis-ctf", "misbridge-meals", "misbridge-leavers", "misbridge-web",
            "misbridge-jasypt");
    private static final List<String> OPTIONAL = List.of("misbridge-web", "misbridge-jasypt", "misbridge-meals",
            "misbridge-leavers", "misbridge-mis-wonde", "misbridge-mis-ctf", "misbridge-mis-oneroster");

    private final List<String> steps = new ArrayList<>();
    private KarafHost host;
    /** The real {@code bin/client -b}, for the steps an operator takes by hand. */
    private BatchClient client;
    /** The same SSH server from this JVM, for polling and the long loops: one client JVM start saved per call. */
    private SshScript ssh;

    @Test
    void installsOfflineFromTheKarAndEachFeatureComesAndGoesWithoutStoppingTheOthers() throws Exception {
        Path stock = Path.of(System.getProperty("misbridge.stockKaraf", "missing-apache-karaf.tar.gz"));
        Path kar = Path.of(System.getProperty("misbridge.kar", "missing.kar")).toAbsolutePath();
        assertThat(stock).as("apache-karaf 4.4.10 tar.gz from Maven Central").isRegularFile();
        assertThat(kar).as("the offline KAR (mvn install features first)").isRegularFile();
        KarafHost.deleteTree(WORK);
        Files.createDirectories(WORK);
        boolean passed = false;
        long started = System.nanoTime();
        try {
            step("unpack and configure a stock Karaf", () -> setUp(stock));
            step("start it", () -> {
                host.start(MisBridgeTestSupport.C1_ONLY);
                awaitClient();
            });
            step("kar:install and feature:install every MIS Bridge feature", () -> {
                ok("kar:install file:" + kar.toUri().getPath(),
                        "feature:install " + String.join(" ", EVERY_FEATURE));
                Path emptyRepo = WORK.resolve("empty-m2");
                try (Stream<Path> left = Files.list(emptyRepo)) {
                    assertThat(left).as("nothing was fetched into the local Maven repository").isEmpty();
                }
                assertThat(host.etc().resolve("org.ops4j.datasource-misbridge.cfg")).isRegularFile();
                assertThat(host.etc().resolve("org.apache.karaf.command.acl.school.cfg")).isRegularFile();
                assertThat(Files.readString(host.etc().resolve("org.misbridge.mis.oneroster.memory.cfg")))
                        .as("the OneRoster feature carries the kept reads' budget").contains("keptReads.heapPercent = 25");
                assertThat(Files.readString(host.etc().resolve("org.misbridge.sync.scheduler.cfg")))
                        .as("the operator's own scheduler file is kept").contains("operator's own").contains("threads = 2");
            });
            step("add a school and sync it; its lines carry school=green in log:display and karaf.log", () -> {
                addSchool();
                awaitSync();
                String console = client.run("karaf", "karaf", "log:display --no-color | grep \"school=" + SCHOOL + " \"").out();
                assertThat(console).contains("Synced school " + SCHOOL);
                assertThat(host.log().lines("school=" + SCHOOL + " | ")).anyMatch(l -> l.contains("Synced school " + SCHOOL));
                // Karaf's own config ACL keeps its rules and gains MIS Bridge's two
                assertThat(Files.readString(host.etc().resolve("org.apache.karaf.command.acl.config.cfg"), StandardCharsets.UTF_8))
                        .contains("edit").contains("property-set").containsPattern("(?m)^list\\s*=\\s*manager")
                        .containsPattern("(?m)^property-list\\s*=\\s*manager");
                // Karaf's own logging file keeps all it had, with MIS Bridge's additions. File Install writes it back
                // after each ConfigurationAdmin update (two bundles add to it), and a read can meet it while it is written
                // (one CI run read only its licence header), so it is read until it holds the whole
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(Files.readString(host.etc().resolve("org.ops4j.pax.logging.cfg"), StandardCharsets.UTF_8))
                                .contains("log4j2.rootLogger.level").contains("log4j2.appender.rolling.fileName")
                                .contains("school=%X{school.id}").contains("log4j2.logger.hcwire.name")
                                .contains("org.apache.hc.client5.http.wire"));
            });
            step("restart (README: the compulsory role is read at start); a viewer runs school:list and none of Karaf's"
                    + " commands; a scope whose ACL file goes is the admin's", this::leastPrivilege);
            for (String feature : OPTIONAL) {
                step("feature:uninstall " + feature + ", sync; feature:install " + feature + ", sync",
                        () -> uninstallAndInstall(feature));
            }
            if (PostgresOrSkip.reachable()) {
                PostgresDatabase db = PostgresDatabase.create("misbridge_stock");
                Path datasource = host.etc().resolve("org.ops4j.datasource-misbridge.cfg");
                String h2 = Files.readString(datasource, StandardCharsets.UTF_8);
                try {
                    step("move the directory to PostgreSQL, sync", () -> {
                        Files.writeString(host.etc().resolve("org.ops4j.datasource-misbridge.cfg"), String.join("\n",
                                "dataSourceName = misbridge", "osgi.jdbc.driver.class = org.postgresql.Driver",
                                "url = " + db.url(), "user = " + db.user(), "pool = hikari", "xa = false",
                                "hikari.maximumPoolSize = 8", "") , StandardCharsets.UTF_8);
                        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                                .until(() -> sync().out().contains("Synced " + SCHOOL + ": ") && hasRuns(db));
                    });
                    for (String feature : List.of("misbridge-web", "misbridge-mis-oneroster")) {
                        step("on PostgreSQL: feature:uninstall " + feature + ", sync; feature:install " + feature + ", sync",
                                () -> uninstallAndInstall(feature));
                    }
                    step("back to the embedded H2, sync", () -> {
                        Files.writeString(datasource, h2, StandardCharsets.UTF_8);
                        awaitSync();
                    });
                } finally {
                    db.close();
                }
            } else {
                // only this stage goes: the rest of the install paths do not need PostgreSQL
                String why = PostgresOrSkip.skipStageOrFail(PostgresOrSkip.unreachable(null));
                System.out.println("StockKarafIT: " + why + "; its stage is skipped");
                steps.add("| (PostgreSQL stage skipped: not reachable) | - |");
            }
            step("take the datasource away: a WARN says what to configure; put it back, sync", () -> {
                Path datasource = host.etc().resolve("org.ops4j.datasource-misbridge.cfg");
                Path aside = WORK.resolve("datasource.cfg.aside");
                Files.move(datasource, aside);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !host.log().lines(
                        "The school directory has no database").isEmpty());
                assertThat(String.join("\n", host.log().lines("The school directory has no database")))
                        .contains("WARN").contains("etc/org.ops4j.datasource-misbridge.cfg").contains("pax-jdbc-config");
                Files.move(aside, datasource);
                awaitSync();
            });
            passed = true;
        } finally {
            steps.add(String.format(Locale.ROOT, "| **total** | **%.1f s** |", (System.nanoTime() - started) / 1e9));
            Files.writeString(WORK.resolve("steps.md"), "| step | time |\n|---|---|\n" + String.join("\n", steps) + "\n",
                    StandardCharsets.UTF_8);
            if (ssh != null) {
                ssh.close();
            }
            if (host != null) {
                host.stop();
                if (passed) {
                    KarafHost.deleteTree(host.home());
                }
            }
        }
    }

    private void setUp(Path stock) throws Exception {
        host = KarafHost.unpack(stock, WORK, "karaf");
        host.freePorts();
        client = new BatchClient(host.home(), host.sshPort());
        ssh = new SshScript(host.sshPort());
        // no remote repository, an empty local one: every artifact must come from the KAR or Karaf's system/
        Path emptyRepo = Files.createDirectories(WORK.resolve("empty-m2")).toAbsolutePath();
        host.put("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        host.put("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", emptyRepo.toString());
        // README's "Who may run what" on a Karaf of one's own: an admin who also runs the school day
        host.put("users.properties", "karaf", "karaf,_g_:admingroup");
        host.put("users.properties", "_g_\\:admingroup", "group,admin,manager,operator,viewer,systembundles,ssh");
        // ...and a user who only reads, as README's "Who may run what" gives one
        host.put("users.properties", "reader", "reader,viewer,ssh");
        // an operator's own file, which the feature's default must not replace
        Files.writeString(host.etc().resolve("org.misbridge.sync.scheduler.cfg"),
                "# the operator's own settings\nthreads = 2\n", StandardCharsets.UTF_8);
        // the operator wants to hear sooner than the default 30 s when the directory has no database
        Files.writeString(host.etc().resolve("org.misbridge.store.jdbc.cfg"), "dataSource.warnAfterSeconds = 3\n",
                StandardCharsets.UTF_8);
    }

    private void addSchool() throws IOException {
        Path csv = WORK.resolve("school").toAbsolutePath();
        SchoolGenerator.writeOneRosterCsv(new SchoolGenerator.Spec("org-green", "Green Primary", 120, 19L, LocalDate.now()), csv);
        Path staged = Files.createDirectories(WORK.resolve("staged"));
        Path reader = staged.resolve("org.misbridge.mis.oneroster-" + SCHOOL + ".cfg");
        Files.writeString(reader, "school.id = " + SCHOOL + "\ncsv.path = " + csv + "\norg.sourcedId = org-green\n",
                StandardCharsets.UTF_8);
        Path sync = staged.resolve("org.misbridge.sync-" + SCHOOL + ".cfg");
        Files.writeString(sync, "school.id = " + SCHOOL + "\nschool.name = Green Primary\nreader.target = (school.id="
                + SCHOOL + ")\nschedule =\n", StandardCharsets.UTF_8);
        host.drop(reader);
        host.drop(sync);
    }

    /**
     * One script, as an operator's would be: uninstall, sync (or, without the school's reader, see it
     * NO_READER), install, sync. Where a step's components are still coming up, each step is retried on its own.
     */
    private void uninstallAndInstall(String feature) {
        boolean reader = feature.equals("misbridge-mis-oneroster");
        BatchClient.Result script = ssh.run("karaf", "karaf", 300, "feature:uninstall " + feature,
                reader ? "school:health --json" : "school:sync " + SCHOOL, "feature:install " + feature, "school:sync " + SCHOOL);
        String out = script.out();
        boolean whole = script.exitCode() == 0 && out.indexOf("Synced " + SCHOOL + ": ") >= 0
                && (reader ? out.contains("NO_READER") : out.indexOf("Synced " + SCHOOL + ": ") != out.lastIndexOf("Synced " + SCHOOL + ": "));
        if (!whole) {
            System.out.println("StockKarafIT: " + feature + " in one script did not pass, step by step now: " + script);
            if (!ssh.run("karaf", "karaf", "feature:list -i").out().contains(feature + " ")) {
                okOverSsh("feature:install " + feature);
            }
            okOverSsh("feature:uninstall " + feature);
            if (reader) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                        () -> ssh.run("karaf", "karaf", "school:health --json").out().contains("NO_READER"));
            } else {
                awaitSync();
            }
            okOverSsh("feature:install " + feature);
            awaitSync();
        }
        if (feature.equals("misbridge-web")) {
            awaitHealthEndpoint();
        }
    }

    private BatchClient.Result sync() {
        return ssh.run("karaf", "karaf", "school:sync " + SCHOOL);
    }

    /** The school syncs (its components may still be coming up after a feature came or went). */
    private void awaitSync() {
        BatchClient.Result[] last = {null};
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> (last[0] = sync()).out().contains("Synced " + SCHOOL + ": "));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the school did not sync; last answer: " + last[0] + "\nlog:\n"
                    + String.join("\n", logTail()), e);
        }
    }

    private void awaitHealthEndpoint() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.httpPort()
                        + "/misbridge/health?school=" + SCHOOL))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "karaf:karaf".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).build();
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"" + SCHOOL + "\"");
        });
    }

    /**
     * README's install on a Karaf of one's own: the features bring every scope's ACL where Karaf has none, and
     * etc/custom.system.properties with the compulsory role, which Karaf reads when it starts and which makes every
     * command Karaf's own files leave unnamed the admin's.
     */
    private void leastPrivilege() throws Exception {
        // the features write only missing files: Karaf's own shell ACL stays, and what it does not name is the admin's
        // through the compulsory role from the restart on
        assertThat(Files.readString(host.etc().resolve("org.apache.karaf.command.acl.shell.cfg"), StandardCharsets.UTF_8))
                .containsPattern("(?m)^exec\\s*=\\s*admin");
        assertThat(host.etc().resolve("org.apache.karaf.command.acl.log.cfg")).isRegularFile();
        assertThat(host.etc().resolve("custom.system.properties")).isRegularFile();
        host.stop();
        host.start(MisBridgeTestSupport.C1_ONLY);
        awaitClient();
        awaitSync();
        assertThat(client.run("karaf", "karaf", "system:property karaf.secured.command.compulsory.roles").out())
                .as("etc/custom.system.properties reached the JVM").containsPattern("(?m)^admin$");
        BatchClient.Result list = client.run("reader", "reader", "school:list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(SCHOOL);
        // the first refusal through bin/client itself (its exit status), the rest over the same server from here
        refused(client::run, "reader", "log:set DEBUG org.apache.hc.client5.http.headers");
        for (String attack : List.of("log:display",
                "dev:dump-create data/tmp/dump", "scr:disable org.misbridge.web.internal.HealthServlet", "scr:list",
                "bundle:stop 1", "bundle:list", "shell:cat etc/users.properties", "feature:repo-add mvn:x/y/1/xml/features",
                "kar:create x", "jaas:realm-list", "system:shutdown -f", "service:list", "config:install file:x etc/x.cfg")) {
            refused(ssh::run, "reader", attack);
        }
        assertThat(client.run("karaf", "karaf", "log:get org.apache.hc.client5.http.headers").out()).contains("WARN");
        // the compulsory role at work: the package scope's file goes, and its commands stay the admin's
        Files.delete(host.etc().resolve("org.apache.karaf.command.acl.package.cfg"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> !ssh.run(
                "karaf", "karaf", "config:list '(service.pid=org.apache.karaf.command.acl.package)'").out().contains("Pid:"));
        refused(client::run, "reader", "package:exports");
        ok("package:exports");
    }

    /** A console the test talks through: {@code bin/client} or {@link SshScript}. */
    @FunctionalInterface
    private interface Console {
        BatchClient.Result run(String user, String password, String... commands);
    }

    private void refused(Console console, String user, String command) {
        BatchClient.Result result = console.run(user, user, command);
        assertThat(result.exitCode()).as(user + ": " + command + " -> " + result).isNotZero();
        assertThat(result.all()).as(user + ": " + command).containsPattern("Insufficient credentials|Command not found");
    }

    private void ok(String... commands) {
        assertOk(commands, client.run("karaf", "karaf", 300, commands));
    }

    private void okOverSsh(String... commands) {
        assertOk(commands, ssh.run("karaf", "karaf", 300, commands));
    }

    private static void assertOk(String[] commands, BatchClient.Result result) {
        assertThat(result.exitCode()).as(String.join("; ", commands) + " -> " + result).isZero();
        assertThat(result.all()).as(String.join("; ", commands)).doesNotContain("Error executing command");
    }

    private void awaitClient() {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> ssh.run("karaf", "karaf", 30, "feature:list -i").out().contains("kar "));
    }

    private List<String> logTail() {
        try {
            List<String> all = host.log().lines("");
            return all.subList(Math.max(0, all.size() - 60), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e + ")");
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) throws Exception {
        long start = System.nanoTime();
        try {
            step.run();
        } finally {
            steps.add(String.format(Locale.ROOT, "| %s | %.1f s |", name, (System.nanoTime() - start) / 1e9));
        }
    }

    /** Whether the host has written a sync run of the school into the PostgreSQL database. */
    private static boolean hasRuns(PostgresDatabase db) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM dir_sync_run WHERE school_id = '" + SCHOOL + "'")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }
}
