package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncService;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Boots the MIS Bridge assembly as built by this reactor and drives it as an operator would:
 * config files dropped into etc/, commands typed into a console session.
 */
public abstract class MisBridgeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    protected SessionFactory sessionFactory;

    // injection waits until MIS Bridge is up, so no test talks to a half-started host
    @Inject
    protected SyncService syncService;

    @Inject
    protected Directory directory;

    /**
     * The JVM option every test host starts with (Pax Exam's and those a test starts itself): a boot
     * is mostly code run once, and C2 compiling it costs a quarter of the CPU on two cores.
     */
    public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /** The options every MIS Bridge itest boots with; add test-specific ones with {@link #with}. */
    protected static Option[] baseOptions() {
        String assembly = System.getProperty("misbridge.assembly");
        if (assembly == null || !new File(assembly).isFile()) {
            throw new IllegalStateException("the assembly " + assembly + " is missing: build karaf-assembly first (mvn verify from the top)");
        }
        String localRepo = System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(assembly).toURI().toString())
                    .name("MIS Bridge")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            // the remote shell stays on: BatchClient drives bin/client -b over SSH as a script would
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            systemTimeout(300_000),
            // the tests' host JVM compiles with C1 only: a boot is mostly code run once, and C2 compiling
            // it costs a quarter of the CPU on two cores (the JIT's tiers change how fast code runs, never what it does)
            org.ops4j.pax.exam.CoreOptions.vmOption(C1_ONLY),
            // free ports only: a host running the demo (or another build) may hold the defaults
            sshPort(),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            // the /misbridge endpoints (Pax Web) on a free port too, which tests find in it.http.port
            httpPort(),
            mavenBundle().groupId("org.awaitility").artifactId("awaitility").version(System.getProperty("awaitility.version")),
            mavenBundle().groupId("org.hamcrest").artifactId("hamcrest").version("2.1"),
            // -Dmisbridge.itest.keep=true keeps target/exam/* (logs, data) to look at after a failure
            Boolean.getBoolean("misbridge.itest.keep") ? keepRuntimeFolder() : null,
        };
    }

    /**
     * A feature the host installs as it boots. A feature installed by a test in the middle of a class
     * can restart bundles the class's later tests use: the provider's brings http-whiteboard, which
     * restarts Pax Web.
     */
    protected static Option bootFeature(String name) {
        return editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", name);
    }

    protected static Option[] with(Option[] base, Option... more) {
        List<Option> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        all.removeIf(java.util.Objects::isNull);
        return all.toArray(new Option[0]);
    }

    private static Option httpPort() {
        String port = freePort();
        return org.ops4j.pax.exam.CoreOptions.composite(
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port),
                org.ops4j.pax.exam.CoreOptions.systemProperty("it.http.port").value(port));
    }

    private static Option sshPort() {
        String port = freePort();
        return org.ops4j.pax.exam.CoreOptions.composite(
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", port),
                org.ops4j.pax.exam.CoreOptions.systemProperty("it.ssh.port").value(port));
    }

    /** The base URL of the host's HTTP endpoints, e.g. http://127.0.0.1:PORT/misbridge. */
    protected static String misbridgeUrl() {
        return "http://127.0.0.1:" + System.getProperty("it.http.port") + "/misbridge";
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a console command as the admin user and returns what it printed (stdout and stderr). */
    protected String executeCommand(String command) {
        return executeCommandAs("karaf", command, "admin", "manager", "operator", "viewer");
    }

    /**
     * Runs a console command as a user with these roles, as the Karaf shell would after login.
     *
     * @throws AssertionError carrying the output and the cause when the command fails or is refused
     */
    protected String executeCommandAs(String user, String command, String... roles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> {
                Session session = sessionFactory.create(System.in, out, out);
                session.put("SCOPE", "school:*");
                session.put("APPLICATION", System.getProperty("karaf.name", "root"));
                return session.execute(command);
            });
        } catch (Exception e) {
            throw new AssertionError("command '" + command + "' as " + user + " failed: " + e + "\noutput:\n"
                    + bytes.toString(StandardCharsets.UTF_8), e);
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs a command that must fail, the way a script sees a failure ({@code bin/client} exits
     * non-zero: the command threw), and returns the error with what the command printed before it.
     */
    protected String executeFailingCommand(String command) {
        return executeFailingCommandAs("karaf", command, "admin", "manager", "operator", "viewer");
    }

    /** As {@link #executeFailingCommand}, as a user with these roles. */
    protected String executeFailingCommandAs(String user, String command, String... roles) {
        String out;
        try {
            out = executeCommandAs(user, command, roles);
        } catch (AssertionError failed) {
            return failed.getMessage();
        }
        throw new AssertionError("'" + command + "' as " + user + " should have failed, yet it ended normally and printed:\n" + out);
    }

    /** What a command printed, or its error and what it printed before it: for checks that hold either way. */
    protected String outputOf(String command) {
        try {
            return executeCommand(command);
        } catch (AssertionError failed) {
            return failed.getMessage();
        }
    }

    /** Runs the command until its output satisfies the check (commands may still be registering). */
    protected String awaitOutput(String command, java.util.function.Predicate<String> check) {
        String[] last = {""};
        // the first try at once (by default Awaitility waits one poll interval before it)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollDelay(java.time.Duration.ZERO).ignoreExceptions()
                .until(() -> check.test(last[0] = executeCommand(command)));
        return last[0];
    }

    /**
     * Waits until each school is running: listed with its reader. school:list also lists a school whose
     * files are there but whose components are not up yet (or refused), so a name in the list alone does
     * not mean school:sync will find it.
     */
    protected void awaitSchoolsRunning(String... schools) {
        awaitOutput("school:list --json", out -> runningIn(out, schools));
    }

    /** Whether the school:list --json output shows each school with its reader. */
    static boolean runningIn(String listJson, String... schools) {
        JsonNode rows = json(listJson.substring(Math.max(0, listJson.indexOf('['))));
        for (String school : schools) {
            boolean running = false;
            for (JsonNode row : rows) {
                running |= row.path("school").asText().equals(school) && !row.path("reader").isNull()
                        && !row.path("reader").isMissingNode();
            }
            if (!running) {
                return false;
            }
        }
        return true;
    }

    /** Asserts that a command's output contains each part, showing the output when it does not. */
    protected static void assertContains(String output, String... parts) {
        for (String part : parts) {
            if (!output.contains(part)) {
                throw new AssertionError("expected '" + part + "' in:\n" + output);
            }
        }
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** GETs a JSON answer from a test server on 127.0.0.1 (a fake's control URL). */
    protected static JsonNode fetch(String url) {
        try (java.io.InputStream in = java.net.URI.create(url).toURL().openStream()) {
            return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Path etc() {
        return Path.of(System.getProperty("karaf.etc"));
    }

    /** Drops a config file into etc/ in one step, as an operator copying a finished file would. */
    protected static void dropConfig(String fileName, String content) throws IOException {
        Path tmp = etc().resolve(fileName + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, etc().resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }
}
