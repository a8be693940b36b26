package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Command;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.spi.MisReader;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/**
 * The host as an attacker with a shipped demo login meets it (issue 18, items 1, 3 and 4): a viewer
 * or an operator runs only what README's role table gives them, in every command scope, with no
 * file read or written through the shell, SFTP or JMX; no credential shows in any service property;
 * the HttpClient loggers that print credentials stay at WARN even for an admin's log:set; and
 * password guessing over SSH and HTTP is logged and locked out.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends MisBridgeTestSupport {

    private static final String[] VIEWER = {"viewer", "ssh"};
    private static final String[] OPERATOR = {"operator", "viewer", "ssh"};

    /** What README's role table gives a viewer outside the school scope, by scope:name. */
    private static final Set<String> VIEWER_TOOLS = Set.of("*:help", "*:exit", "*:school", "shell:logout", "shell:clear",
            "jaas:whoami");
    /** The filters a viewer and an operator may put after a pipe (checked with pipes and files below, not --help). */
    private static final Set<String> PIPE_FILTERS = Set.of("shell:grep", "shell:head", "shell:tail", "shell:wc", "shell:sort");
    private static final Set<String> VIEWER_SCHOOL = Set.of("list", "status", "health", "stats", "issues", "member", "meals",
            "leavers", "wallets", "anonymise", "retention", "sync");
    private static final Set<String> OPERATOR_TOOLS = Set.of("log:display", "log:tail", "log:get", "log:exception-display");
    private static final Set<String> OPERATOR_SCHOOL = Set.of("audit", "pause", "resume", "optout", "optin", "feedback",
            "reenable", "add-member", "link", "unlink", "group", "meals-push", "record-balance", "record-booking", "report",
            "export-oneroster", "encrypt", "delete-leavers", "archive-groups", "oneroster-clients");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        Option[] school = GeneratedSchoolOptions.generate("org-secure", 40, 23L);
        String folder = System.getProperty("misbridge.itest.work", "target/itest-work") + "/org-secure";
        return with(with(with(baseOptions(), school), OneRosterApiOptions.serve(Path.of(folder).toAbsolutePath().toString())),
                bootFeature("misbridge-oneroster-provider")); // its school:oneroster-clients is judged too
    }

    private static String log() {
        return ContainerLog.read();
    }

    private static boolean isRefusal(String message) {
        return message.contains("Insufficient credentials") || message.contains("CommandNotFoundException");
    }

    private static Set<String> visibleTo(boolean operator) {
        Set<String> visible = new TreeSet<>(VIEWER_TOOLS);
        VIEWER_SCHOOL.forEach(c -> visible.add("school:" + c));
        if (operator) {
            visible.addAll(OPERATOR_TOOLS);
            OPERATOR_SCHOOL.forEach(c -> visible.add("school:" + c));
        }
        return visible;
    }

    @Test
    public void viewersAndOperatorsRunNothingOutsideTheRoleTableInAnyScope() {
        awaitSchoolsRunning("demo");
        awaitOutput("school:oneroster-clients list --json", out -> out.contains("clients"));
        List<String> all = new ArrayList<>();
        for (Command c : sessionFactory.getRegistry().getCommands()) {
            all.add(c.getScope() + ":" + c.getName());
        }
        // the scopes the issue names that this host has, all of them present to be judged
        for (String scope : List.of("bundle", "config", "dev", "feature", "jaas", "kar", "log", "package", "scr", "service",
                "shell", "ssh", "system", "instance", "http", "cm", "event")) {
            assertTrue(scope + " is missing from " + all, all.stream().anyMatch(c -> c.startsWith(scope + ":")));
        }
        List<String> wrong = new ArrayList<>();
        for (boolean operator : new boolean[] {false, true}) {
            String user = operator ? "operator" : "viewer";
            String[] roles = operator ? OPERATOR : VIEWER;
            Set<String> visible = visibleTo(operator);
            for (String command : all) {
                if (PIPE_FILTERS.contains(command) || command.equals("*:exit") || command.equals("*:school")) {
                    continue; // the filters are tried below; exit and the school subshell would leave the session
                }
                // --help makes every command print its usage and do nothing else: what is refused is refused first
                String typed = (command.startsWith("*:") ? command.substring(2) : command) + " --help";
                String seen;
                boolean failed = false;
                try {
                    seen = executeCommandAs(user, typed, roles);
                } catch (AssertionError e) {
                    seen = e.getMessage();
                    failed = true;
                }
                boolean refused = failed && isRefusal(seen);
                if (visible.contains(command) == refused) {
                    wrong.add(user + (refused ? " is refused " : " may run ") + command + ":\n" + seen);
                }
            }
        }
        assertTrue(wrong.size() + " wrong:\n" + String.join("\n\n", wrong), wrong.isEmpty());
    }

    @Test
    public void theShellFiltersReadThePipeAndNoShellCommandReadsOrWritesAFileOrCallsAMethod() throws Exception {
        awaitSchoolsRunning("demo");
        Path users = Path.of(System.getProperty("karaf.etc"), "users.properties");
        String before = Files.readString(users, StandardCharsets.UTF_8);
        Path redirected = Path.of(System.getProperty("karaf.data"), "tmp", "redirected.txt");

        for (String[] who : new String[][] {{"viewer"}, {"operator"}}) {
            String user = who[0];
            String[] roles = "viewer".equals(user) ? VIEWER : OPERATOR;
            assertContains(executeCommandAs(user, "school:list | grep demo", roles), "demo");
            assertContains(executeCommandAs(user, "school:list | grep -i DEMO | wc -l", roles), "1");
            assertContains(executeCommandAs(user, "school:list --json | head -n 2", roles), "[");
            assertContains(executeCommandAs(user, "jaas:whoami", roles), user);
            for (String attack : new String[] {
                "grep karaf etc/users.properties", "grep -i karaf etc/users.properties", "head etc/users.properties",
                "tail -n 2 etc/users.properties", "wc etc/users.properties", "sort etc/users.properties",
                "cat etc/users.properties",
                "echo \"mallory = mallory,_g_:admingroup\" | tac -a etc/users.properties",
                "school:list > " + redirected, "school:list >> " + redirected, "\"abc\" toUpperCase",
                "shell:exec id", "shell:java --help", "log:set DEBUG", "config:property-get --pid org.ops4j.pax.logging log4j2.rootLogger.level",
                "cm:getconfiguration org.ops4j.pax.logging",
            }) {
                String out;
                try {
                    out = executeCommandAs(user, attack, roles);
                } catch (AssertionError e) {
                    assertTrue(user + ": '" + attack + "' failed, but not as a refusal:\n" + e.getMessage(), isRefusal(e.getMessage()));
                    continue;
                }
                fail(user + " ran '" + attack + "' and it printed:\n" + out);
            }
        }
        // the same through SSH, as a script: refused, and the file left as it was
        BatchClient.Result tac = BatchClient.ofThisHost().run("viewer", "viewer",
                "echo \"mallory = mallory,_g_:admingroup\" | tac -a etc/users.properties");
        assertTrue(tac.toString(), tac.exitCode() != 0);
        assertEquals(before, Files.readString(users, StandardCharsets.UTF_8));
        assertFalse(Files.exists(redirected));
    }

    @Test
    public void sftpAndScpServeNoOneNotEvenAnAdmin() throws Exception {
        awaitSchoolsRunning("demo");
        int port = Integer.parseInt(System.getProperty("it.ssh.port"));
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try {
            for (String[] login : new String[][] {{"viewer", "viewer"}, {"karaf", "karaf"}}) {
                try (ClientSession session = client.connect(login[0], "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession()) {
                    session.addPasswordIdentity(login[1]);
                    session.auth().verify(Duration.ofSeconds(30));
                    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                        String read;
                        try (var in = sftp.read("etc/users.properties")) {
                            read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                        fail(login[0] + " opened SFTP and read etc/users.properties: " + read.length() + " characters");
                    } catch (java.io.IOException refused) {
                        // no SFTP subsystem: the channel is refused
                    }
                }
            }
        } finally {
            client.stop();
        }
    }

    /**
     * JMX checks each call against the jmx.acl files for the caller's subject; Karaf's JMX security MBean
     * answers what that check would say (Pax Exam's own RMI registry keeps Karaf's JMX connector from
     * starting in this JVM, so the connector itself is tried on a running host: SECURITY.md).
     */
    @Test
    public void jmxIsTheAdminsAlone() throws Exception {
        awaitSchoolsRunning("demo");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName security = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> server.queryNames(
                new ObjectName("org.apache.karaf:type=security,area=jmx,*"), null).stream().findFirst().orElse(null), n -> n != null);
        String[][] calls = {
            {"java.lang:type=Runtime", "getSystemProperties"},
            {"java.lang:type=Runtime", "getUptime"},
            {"org.apache.karaf:type=config,name=" + System.getProperty("karaf.name"), "listProperties"},
            {"org.apache.karaf:type=log,name=" + System.getProperty("karaf.name"), "getLevel"},
        };
        for (String[] call : calls) {
            for (String[] roles : new String[][] {VIEWER, OPERATOR, {"admin"}}) {
                Subject subject = new Subject();
                for (String role : roles) {
                    subject.getPrincipals().add(new RolePrincipal(role));
                }
                boolean may = Subject.doAs(subject, (PrivilegedExceptionAction<Boolean>) () -> (Boolean) server.invoke(security,
                        "canInvoke", new Object[] {call[0], call[1]}, new String[] {String.class.getName(), String.class.getName()}));
                assertEquals(String.join(",", roles) + " calling " + call[1] + " on " + call[0], "admin".equals(roles[0]), may);
            }
        }
    }

    @Test
    public void anAdminsLogSetLeavesHttpClientsHeaderAndWireLoggersAtWarnSoNoCredentialIsLogged() throws Exception {
        dropConfig("org.misbridge.mis.oneroster-secure.cfg", String.join("\n",
                "school.id=secure",
                "mode=rest",
                "rest.baseUrl=" + System.getProperty("it.rest.baseUrl"),
                "rest.tokenUrl=" + System.getProperty("it.rest.tokenUrl"),
                "rest.clientId=" + OneRosterApiOptions.CLIENT_ID,
                "rest.clientSecretFile=" + System.getProperty("it.rest.secretFile"),
                "org.sourcedId=" + System.getProperty("it.school.org"),
                ""));
        dropConfig("org.misbridge.sync-secure.cfg", "school.id=secure\nreader.target=(school.id=secure)\nschedule=\n");
        awaitSchoolsRunning("secure");
        try {
            executeCommand("log:set DEBUG org.apache.hc.client5.http.headers");
            executeCommand("log:set TRACE org.apache.hc.client5.http.wire");
            executeCommand("log:set DEBUG org.apache.hc.client5.http");
            Awaitility.await("HttpClient's loggers at DEBUG").atMost(Duration.ofSeconds(30))
                    .until(() -> LoggerFactory.getLogger("org.apache.hc.client5.http").isDebugEnabled());
            assertContains(executeCommand("school:sync secure"), "Synced secure");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("School secure"));
            String log = log();
            String basic = Base64.getEncoder().encodeToString((OneRosterApiOptions.CLIENT_ID + ":" + OneRosterApiOptions.SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            for (String hidden : new String[] {"Authorization", "authorization:", "Bearer ", basic, OneRosterApiOptions.SECRET}) {
                assertFalse("'" + hidden + "' is in karaf.log", log.contains(hidden));
            }
            // the admin is told why the level did not take
            assertContains(log, "Kept at WARN: [org.apache.hc.client5.http.headers, org.apache.hc.client5.http.wire]");
        } finally {
            executeCommand("log:set WARN org.apache.hc.client5.http.headers");
            executeCommand("log:set WARN org.apache.hc.client5.http.wire");
            executeCommand("log:set DEFAULT org.apache.hc.client5.http");
            // log:set returns before Pax Logging has reconfigured: the next test starts once the default is back in force
            Awaitility.await("HttpClient's loggers back at the default level").atMost(Duration.ofSeconds(30))
                    .until(() -> !LoggerFactory.getLogger("org.apache.hc.client5.http").isDebugEnabled());
            // Twice in CI (2026-12-03 and 2026-12-06) nothing reached karaf.log after these three reconfigurations,
            // which came within 0.1 s, and the later tests that read the log failed; never seen locally. Whether
            // lines are written again is checked here, and once more after one more reconfiguration, so that such
            // a stall fails this test, by name, and not the ones after it
            if (!ContainerLog.reaches(Duration.ofSeconds(10))) {
                executeCommand("log:set DEFAULT org.apache.hc.client5.http");
                assertTrue("nothing logged reaches karaf.log after the levels were restored, even after one more log:set",
                        ContainerLog.reaches(Duration.ofSeconds(30)));
            }
        }
    }

    @Test
    public void noCredentialInAnyFormIsInAnyServicePropertyWhetherItsConfigurationIsRefusedOrAccepted() throws Exception {
        awaitSchoolsRunning("demo");
        awaitOutput("feature:install misbridge-mis-wonde", out -> true);
        Path dir = Files.createTempDirectory("misbridge-props");
        Path passwordFile = Files.writeString(dir.resolve("encryption-password"), "itest-Props-Password-91ac\n");
        dropConfig("org.misbridge.jasypt.encryptor-misbridge.cfg", "alias=misbridge\npasswordFile=" + passwordFile + "\n");
        Path plainApiSecret = Files.writeString(dir.resolve("api-secret"), OneRosterApiOptions.SECRET + "\n");
        String encryptedApiSecret = awaitOutput("school:encrypt --file " + plainApiSecret, out -> out.contains("ENC("))
                .lines().filter(l -> l.startsWith("ENC(")).findFirst().orElseThrow();
        String mealsPassword = "itest-Meals-Password-6d2f";
        Path mealsPasswordFile = Files.writeString(dir.resolve("meals-password"), mealsPassword + "\n");
        String encryptedMealsPassword = executeCommand("school:encrypt --file " + mealsPasswordFile)
                .lines().filter(l -> l.startsWith("ENC(")).findFirst().orElseThrow();
        String wondeToken = "itest-Wonde-Token-0e4b";
        Path wondeTokenFile = Files.writeString(dir.resolve("wonde-token"), wondeToken + "\n");

        Map<String, String> plain = new HashMap<>();
        plain.put("oneroster", "itest-Plain-Client-Secret-17ab");
        plain.put("wonde", "itest-Plain-Wonde-Token-28bc");
        plain.put("meals", "itest-Plain-Meals-Password-39cd");
        plain.put("encryptor", "itest-Plain-Encryption-Password-4ade");
        String rest = "mode=rest\nrest.baseUrl=" + System.getProperty("it.rest.baseUrl") + "\nrest.tokenUrl="
                + System.getProperty("it.rest.tokenUrl") + "\nrest.clientId=" + OneRosterApiOptions.CLIENT_ID + "\n";
        String wonde = "wonde.schoolId=A1930499544\n";
        String meals = "meals.endpoint=http://127.0.0.1:9/meals\nmeals.username=misbridge\n";
        // refused: the credential itself, in plain text
        dropConfig("org.misbridge.mis.oneroster-plainor.cfg", "school.id=plainor\n" + rest + "rest.clientSecret=" + plain.get("oneroster") + "\n");
        dropConfig("org.misbridge.mis.wonde-plainwonde.cfg", "school.id=plainwonde\n" + wonde + "wonde.token=" + plain.get("wonde") + "\n");
        dropConfig("org.misbridge.meals-plainmeals.cfg", "school.id=plainmeals\n" + meals + "meals.password=" + plain.get("meals") + "\n");
        dropConfig("org.misbridge.jasypt.encryptor-plainkey.cfg", "alias=plainkey\npassword=" + plain.get("encryptor") + "\n");
        // accepted: encrypted, or in a file
        dropConfig("org.misbridge.mis.oneroster-encor.cfg", "school.id=encor\n" + rest + "rest.clientSecret=" + encryptedApiSecret + "\n");
        dropConfig("org.misbridge.mis.oneroster-fileor.cfg", "school.id=fileor\n" + rest + "rest.clientSecretFile=" + plainApiSecret + "\n");
        dropConfig("org.misbridge.mis.wonde-filewonde.cfg", "school.id=filewonde\n" + wonde + "wonde.tokenFile=" + wondeTokenFile + "\n");
        dropConfig("org.misbridge.meals-encmeals.cfg", "school.id=encmeals\n" + meals + "meals.password=" + encryptedMealsPassword + "\n");
        dropConfig("org.misbridge.meals-filemeals.cfg", "school.id=filemeals\n" + meals + "meals.passwordFile=" + mealsPasswordFile + "\n");
        // a database password as README writes it: a dotted key, which pax-jdbc-config gives the driver and does not publish
        String dbPassword = "itest-Db-Password-5b7e";
        dropConfig("org.ops4j.datasource-probe.cfg", "dataSourceName=probe\nosgi.jdbc.driver.class=org.h2.Driver\n"
                + "url=jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1\nuser=sa\n.password=" + dbPassword + "\n");

        ContainerLog.awaitContains(Duration.ofSeconds(90),
                "school plainor: oneroster.rest.clientSecret holds the oneroster.rest.clientSecret itself",
                "school plainwonde: wonde.token holds the wonde.token itself",
                "school plainmeals: meals.password holds the meals.password itself",
                "password holds the password itself");
        Awaitility.await("the accepted configurations' services").atMost(Duration.ofSeconds(90)).until(() ->
                registered(MisReader.class, "encor") && registered(MisReader.class, "fileor")
                        && registered(MisReader.class, "filewonde")
                        && registered(Class.forName("org.misbridge.api.spi.ChangeFeed"), "encmeals")
                        && registered(Class.forName("org.misbridge.api.spi.ChangeFeed"), "filemeals")
                        && context.getServiceReferences(javax.sql.DataSource.class.getName(), "(dataSourceName=probe)") != null);

        List<String> hidden = new ArrayList<>(plain.values());
        hidden.addAll(List.of(OneRosterApiOptions.SECRET, encryptedApiSecret, encryptedApiSecret.substring(4, 24), mealsPassword,
                encryptedMealsPassword, wondeToken, "itest-Props-Password-91ac", dbPassword));
        String serviceList = executeCommand("service:list");
        for (String h : hidden) {
            assertFalse("'" + h + "' is in service:list", serviceList.contains(h));
        }
        for (ServiceReference<?> ref : context.getAllServiceReferences(null, null)) {
            for (String key : ref.getPropertyKeys()) {
                String value = text(ref.getProperty(key));
                for (String h : hidden) {
                    assertFalse("service " + ref + " has '" + h + "' in its property " + key, value.contains(h));
                }
            }
        }
        // the database behind the dotted password was opened with it
        javax.sql.DataSource probe = (javax.sql.DataSource) context.getService(
                context.getServiceReferences(javax.sql.DataSource.class.getName(), "(dataSourceName=probe)")[0]);
        try (java.sql.Connection c = probe.getConnection()) {
            assertTrue(c.isValid(5));
        }
        // what a sync needs is there: each accepted reader by its school id, and nothing of its configuration
        ServiceReference<?> reader = context.getServiceReferences(MisReader.class.getName(), "(school.id=encor)")[0];
        assertFalse(Set.of(reader.getPropertyKeys()).toString(), Set.of(reader.getPropertyKeys()).contains("rest.clientId"));
    }

    private boolean registered(Class<?> service, String school) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(service.getName(), "(school.id=" + school + ")");
        return refs != null && refs.length > 0;
    }

    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.append(text(Array.get(value, i))).append(' ');
            }
            return out.toString();
        }
        return String.valueOf(value);
    }

    @Test
    public void aThousandWrongPasswordsOverSshAreLoggedAndLockTheUserOutAtThatAddressUntilAnAdminUnlocks() throws Exception {
        awaitSchoolsRunning("demo");
        int port = Integer.parseInt(System.getProperty("it.ssh.port"));
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        // passwords only, one try each: the server counts exactly the passwords sent
        client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        client.start();
        try {
            int sent = 0;
            while (sent < 1000) {
                try (ClientSession session = client.connect("operator", "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession()) {
                    // sshd ends a session after 20 tries
                    for (int i = 0; i < 19 && sent < 1000; i++) {
                        session.addPasswordIdentity("wrong-" + sent++);
                    }
                    assertFalse(session.auth().await(Duration.ofSeconds(60)) && session.isAuthenticated());
                } catch (org.apache.sshd.common.SshException closedAfterTheTries) {
                    // the server closed the session after its last refusal
                }
            }
            assertFalse("the right password works after 1,000 wrong ones", loginOverSsh(client, port, "operator", "operator"));

            JsonNode logins = json(executeCommand("school:logins --json"));
            JsonNode lockout = null;
            for (JsonNode l : logins.get("lockedOut")) {
                if ("operator".equals(l.get("user").asText())) {
                    lockout = l;
                }
            }
            assertTrue(logins.toString(), lockout != null && "127.0.0.1".equals(lockout.get("source").asText()));
            // 5 failures locked it; every later try, the right password's included, was refused unread
            assertEquals(logins.toString(), 5, lockout.get("failures").asInt());
            assertEquals(logins.toString(), 996, lockout.get("refusedSince").asInt());
            ContainerLog.awaitContains(Duration.ofSeconds(30), "Failed login of user 'operator' from 127.0.0.1 over ssh (1 of 5 before a lockout)",
                    "Failed login of user 'operator' from 127.0.0.1 over ssh (5 of 5 before a lockout)",
                    "Locked out user 'operator' at 127.0.0.1 until", "Login of user 'operator' from 127.0.0.1 over ssh refused");
            // another user from the same address is not locked out
            assertTrue(loginOverSsh(client, port, "viewer", "viewer"));

            assertContains(executeCommand("school:unlock operator"), "Lifted 1 lockout(s)");
            assertTrue("the right password works once an admin unlocked", loginOverSsh(client, port, "operator", "operator"));
        } finally {
            client.stop();
            outputOf("school:unlock operator");
            outputOf("school:unlock --source 127.0.0.1");
        }
    }

    private static boolean loginOverSsh(SshClient client, int port, String user, String password) throws Exception {
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession()) {
            session.addPasswordIdentity(password);
            return session.auth().await(Duration.ofSeconds(30)) && session.isAuthenticated();
        } catch (org.apache.sshd.common.SshException refused) {
            return false;
        }
    }

    @Test
    public void aThousandWrongPasswordsOverHttpAreLoggedAndLockTheUserOutAtThatAddressUntilAnAdminUnlocks() throws Exception {
        awaitSchoolsRunning("demo");
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 1000; i++) {
                assertEquals(401, health(http, "viewer", "wrong-" + i));
            }
            assertEquals("the right password works after 1,000 wrong ones", 401, health(http, "viewer", "viewer"));
            assertEquals("another user is not locked out", 200, health(http, "operator", "operator"));
            // this host counted them (not another one that answered on the port): then its log must say so
            JsonNode logins = json(executeCommand("school:logins --json"));
            assertTrue(logins.toString(), logins.toString().contains("\"user\":\"viewer\",\"source\":\"127.0.0.1\""));
            ContainerLog.awaitContains(Duration.ofSeconds(30), "Failed login of user 'viewer' from 127.0.0.1 over http (1 of 5 before a lockout)",
                    "Locked out user 'viewer' at 127.0.0.1 until", "Login of user 'viewer' from 127.0.0.1 over http refused");
            assertContains(executeCommand("school:unlock --source 127.0.0.1 viewer"), "Lifted 1 lockout(s)");
            assertEquals(200, health(http, "viewer", "viewer"));
        } finally {
            outputOf("school:unlock viewer");
            outputOf("school:unlock --source 127.0.0.1");
        }
    }

    private static int health(HttpClient http, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(misbridgeUrl() + "/health")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
