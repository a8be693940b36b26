package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The command ACLs the assembly ships: a viewer reads, an operator runs the school day, only an
 * admin forces past the deletion threshold or removes what cannot be put back; decided on what a
 * command parsed, however it was spelt; and every error ends a script's bin/client non-zero.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RolesIT extends MisBridgeTestSupport {

    private static final String[] VIEWER = {"viewer"};
    private static final String[] OPERATOR = {"operator", "viewer"};
    private static final String[] ADMIN = {"admin", "manager", "operator", "viewer"};
    /** Karaf's own admingroup (and the local console's roles): admin without the operator role. */
    private static final String[] STOCK_ADMIN = {"admin", "manager", "viewer", "systembundles"};

    @Configuration
    public Option[] config() {
        // school:oneroster-clients and school:export-oneroster come with the provider's feature, which the
        // assembly offers but does not install
        return with(baseOptions(), bootFeature("misbridge-oneroster-provider"));
    }

    private void allowed(String user, String[] roles, String command) {
        executeCommandAs(user, command, roles);
    }

    private void refused(String user, String[] roles, String command) {
        try {
            String out = executeCommandAs(user, command, roles);
            fail(user + " may not run '" + command + "', yet it ran and printed: " + out);
        } catch (AssertionError e) {
            if (e.getMessage().contains("may not run")) {
                throw e;
            }
            // a command with no variant the user may run is hidden; one with such a variant is refused
            assertTrue(e.getMessage(), isRefusal(e.getMessage()));
        }
    }

    /** The user may run the command: it may still fail for another reason (a file that is not there), never for the role. */
    private void notRefused(String user, String[] roles, String command) {
        try {
            executeCommandAs(user, command, roles);
        } catch (AssertionError e) {
            assertFalse(user + " may run '" + command + "', yet was refused:\n" + e.getMessage(), isRefusal(e.getMessage()));
        }
    }

    private static boolean isRefusal(String message) {
        return message.contains("Insufficient credentials") || message.contains("CommandNotFoundException");
    }

    @Test
    public void aViewerReadsAnOperatorSyncsAndOnlyAnAdminForcesOrRemoves() {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        // the meal export's commands come with its own bundle, which may start after the first sync
        awaitOutput("school:meals demo", out -> out.contains("closeLeavers"));

        for (String read : new String[] {"school:list", "school:status demo", "school:health", "school:stats demo",
            "school:issues demo", "school:meals demo", "school:member demo org-demo-stu-000001", "school:sync --dry-run demo"}) {
            allowed("viewer", VIEWER, read);
        }
        refused("viewer", VIEWER, "school:sync demo");
        refused("viewer", VIEWER, "school:pause demo");
        refused("viewer", VIEWER, "school:add-member demo coach-1 Carl Coach");
        // configurations hold schools' credentials: only managers and admins may list them
        refused("viewer", VIEWER, "config:list");
        refused("operator", OPERATOR, "config:list");
        allowed("karaf", ADMIN, "config:list");
        // school:encrypt prints no secret, but making ENC(…) values is an operator's job
        refused("viewer", VIEWER, "school:encrypt --file no-such-file");
        // (with no encryptor configured, and no such file, it ends in an error, but not a refusal)
        notRefused("operator", OPERATOR, "school:encrypt --file no-such-file");

        allowed("operator", OPERATOR, "school:sync demo");
        allowed("operator", OPERATOR, "school:add-member demo coach-1 Carl Coach");
        allowed("operator", OPERATOR, "school:group demo create choir Choir");
        refused("operator", OPERATOR, "school:sync --force demo");
        refused("operator", OPERATOR, "school:sync demo --force");
        refused("operator", OPERATOR, "school:remove-member --yes demo coach-1");
        refused("operator", OPERATOR, "school:group demo delete choir --yes");
        allowed("operator", OPERATOR, "school:delete-leavers --all demo"); // a preview only
        refused("operator", OPERATOR, "school:delete-leavers --yes --all demo");
        allowed("viewer", VIEWER, "school:leavers demo");
        // the leaver lifecycle: viewers read, operators record and preview, admins change what cannot be undone
        for (String read : new String[] {"school:wallets demo", "school:wallets demo --leavers", "school:anonymise demo",
            "school:retention demo"}) {
            allowed("viewer", VIEWER, read);
        }
        refused("viewer", VIEWER, "school:record-balance demo org-demo-con-000001 1.00");
        refused("viewer", VIEWER, "school:anonymise demo --yes");
        refused("operator", OPERATOR, "school:retention demo 30");
        refused("operator", OPERATOR, "school:close-wallet demo w-1 --yes");
        refused("operator", OPERATOR, "school:settle-wallet --date 2026-07-20 demo w-1 --yes");
        refused("operator", OPERATOR, "school:merge-students demo org-demo-stu-000001 org-demo-stu-000002 --yes");
        refused("operator", OPERATOR, "school:archive-groups --before 2026-09-01 demo --yes");
        refused("operator", OPERATOR, "school:erase demo org-demo-stu-000001 --yes");
        allowed("operator", OPERATOR, "school:archive-groups --before 2026-09-01 demo"); // a preview only
        allowed("operator", OPERATOR, "school:record-booking demo org-demo-stu-000001 2026-12-01 2.30 lunch");
        allowed("karaf", ADMIN, "school:anonymise demo --yes");

        allowed("karaf", ADMIN, "school:sync --force demo");
        assertTrue(executeCommandAs("karaf", "school:group --yes demo delete choir", ADMIN).contains("Deleted"));
        assertTrue(executeCommandAs("karaf", "school:remove-member --yes demo coach-1", ADMIN).contains("Removed"));

        // every one of those is in the school's audit trail, with who did it; a viewer cannot read it
        refused("viewer", VIEWER, "school:audit demo");
        String trail = executeCommandAs("operator", "school:audit --json demo", OPERATOR);
        for (String action : new String[] {"\"remove-member\"", "\"group-delete\"", "\"sync --force\""}) {
            assertTrue(trail, trail.contains(action));
        }
        assertTrue(trail, trail.contains("\"actor\" : \"karaf\""));
    }

    @Test
    public void aScriptThroughBinClientRunsAsItsUserAndSeesARefusal() {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        BatchClient client = BatchClient.ofThisHost();

        BatchClient.Result list = client.run("viewer", "viewer", "school:list");
        assertTrue(list.toString(), list.exitCode() == 0 && list.out().contains("demo"));

        BatchClient.Result sync = client.run("viewer", "viewer", "school:sync demo");
        assertTrue(sync.toString(), sync.exitCode() != 0);
        assertTrue(sync.toString(), sync.all().contains("Insufficient credentials") || sync.all().contains("not found"));
    }

    /** A form of a school:* command and the lowest role that may run it; what an allowed run prints, when it must succeed. */
    private record Form(String command, Role lowest, String printsWhenAllowed) {
    }

    private enum Role {
        VIEWER, OPERATOR, ADMIN
    }

    /** The shipped roles, and Karaf's own admin group (no operator role), with the level each has. */
    private record Caller(String user, String[] roles, Role level) {
    }

    private static final List<Caller> CALLERS = List.of(new Caller("viewer", VIEWER, Role.VIEWER),
            new Caller("operator", OPERATOR, Role.OPERATOR), new Caller("karaf", ADMIN, Role.ADMIN),
            new Caller("stockadmin", STOCK_ADMIN, Role.ADMIN));

    private static Form form(String command, Role lowest) {
        return new Form(command, lowest, null);
    }

    private static Form form(String command, Role lowest, String printsWhenAllowed) {
        return new Form(command, lowest, printsWhenAllowed);
    }

    /**
     * Every school:* command of the sync, leavers, meals and jasypt bundles, and the spellings of
     * their options that change what they do ("--opt=value", repeats, case, stray spaces, Unicode
     * digits), with the lowest role README's table gives each meaning. The ids are made up where a
     * run by an allowed role would otherwise delete real rows: the role is decided before anything is
     * looked up, so an allowed run fails on the id and a refused one on the role.
     */
    private static List<Form> forms() {
        return List.of(
                // school:sync: a dry run is a viewer's, whatever else is typed; a run that applies, an operator's; --force, an admin's
                form("school:sync --dry-run demo", Role.VIEWER, "Dry run of demo"),
                form("school:sync demo --dry-run", Role.VIEWER, "Dry run of demo"),
                form("school:sync --dry-run=true demo", Role.VIEWER, "Dry run of demo"),
                form("school:sync --force --dry-run demo", Role.VIEWER, "Dry run of demo"),
                form("school:sync demo", Role.OPERATOR, "Synced demo"),
                form("school:sync --dry-run=false demo", Role.OPERATOR, "Synced demo"),
                form("school:sync --dry-run --dry-run=false demo", Role.OPERATOR, "Synced demo"),
                form("school:sync --force demo", Role.ADMIN, "Synced demo"),
                form("school:sync demo --force", Role.ADMIN, "Synced demo"),
                form("school:sync --force=true demo", Role.ADMIN, "Synced demo"),
                form("school:sync --dry-run=false --force demo", Role.ADMIN, "Synced demo"),
                form("school:sync --dry-run --force --dry-run=false demo", Role.ADMIN, "Synced demo"),
                // custom groups: a delete, however spelt, is an admin's (with or without --yes)
                form("school:group demo create rolesgroup Roles group", Role.OPERATOR),
                form("school:group demo rename rolesgroup Renamed", Role.OPERATOR),
                form("school:group demo add rolesgroup org-demo-stu-000001", Role.OPERATOR),
                form("school:group demo remove rolesgroup org-demo-stu-000001", Role.OPERATOR),
                form("school:group demo delete rolesgroup", Role.ADMIN, "Run again with --yes"),
                form("school:group demo DELETE rolesgroup", Role.ADMIN, "Run again with --yes"),
                form("school:group demo ' Delete ' nosuch-group --yes", Role.ADMIN),
                form("school:group --yes demo DELETE nosuch-group", Role.ADMIN),
                // retention: showing it is a viewer's; any value after the school id, in any digits, an admin's
                form("school:retention demo", Role.VIEWER, "anonymises what is kept"),
                form("school:retention demo --json", Role.VIEWER, "anonymiseAfterDays"),
                form("school:retention --json demo", Role.VIEWER, "anonymiseAfterDays"),
                form("school:retention demo \u0663\u0661", Role.ADMIN),
                form("school:retention demo \u0969\u0967", Role.ADMIN),
                form("school:retention demo +31", Role.ADMIN),
                form("school:retention demo 31 --json", Role.ADMIN),
                // anonymise: the list is a viewer's, --yes (however given) an admin's
                form("school:anonymise demo", Role.VIEWER, "deleted member(s)"),
                form("school:anonymise demo --json", Role.VIEWER),
                form("school:anonymise --yes=false demo", Role.VIEWER, "deleted member(s)"),
                form("school:anonymise demo --yes", Role.ADMIN),
                form("school:anonymise --yes demo", Role.ADMIN),
                form("school:anonymise --yes=true demo", Role.ADMIN),
                // deleting leavers and archiving groups: the previews are an operator's, --yes an admin's
                form("school:delete-leavers --year 99 demo", Role.OPERATOR, "No leavers to delete"),
                form("school:delete-leavers --yes=false --year 99 demo", Role.OPERATOR, "No leavers to delete"),
                form("school:delete-leavers --year 99 demo --yes", Role.ADMIN, "No leavers to delete"),
                form("school:delete-leavers --yes --year 99 demo", Role.ADMIN, "No leavers to delete"),
                form("school:delete-leavers --yes=true demo nosuch-member", Role.ADMIN),
                form("school:archive-groups --before 2000-01-01 demo", Role.OPERATOR, "would be archived"),
                form("school:archive-groups --before 2000-01-01 demo --yes", Role.ADMIN, "Archived 0"),
                form("school:archive-groups --yes=true --before 2000-01-01 demo", Role.ADMIN, "Archived 0"),
                form("school:archive-groups --before \u0662\u0660\u0660\u0660-01-01 demo", Role.OPERATOR),
                // wholly an admin's, asking included
                form("school:remove-member demo nosuch-member", Role.ADMIN, "Run again with --yes"),
                form("school:remove-member --yes demo nosuch-member", Role.ADMIN),
                form("school:erase demo nosuch-member", Role.ADMIN),
                form("school:erase demo nosuch-member --yes", Role.ADMIN),
                form("school:close-wallet demo nosuch-wallet", Role.ADMIN),
                form("school:settle-wallet --date 2026-01-01 demo nosuch-wallet --yes", Role.ADMIN),
                form("school:merge-students demo nosuch-1 nosuch-2", Role.ADMIN),
                form("school:logins", Role.ADMIN, "Locked out"),
                form("school:unlock nosuch-user", Role.ADMIN, "Nothing was locked out"),
                // an operator's: the school day
                form("school:audit demo", Role.OPERATOR),
                form("school:audit --limit 5 demo", Role.OPERATOR),
                form("school:audit --limit \u0665 demo", Role.OPERATOR),
                form("school:meals-push demo", Role.OPERATOR),
                form("school:pause demo meals", Role.OPERATOR, "Paused meals"),
                form("school:resume demo meals", Role.OPERATOR, "Resumed meals"),
                form("school:optout --student nosuch-student demo", Role.OPERATOR),
                form("school:optin --student nosuch-student demo", Role.OPERATOR),
                form("school:feedback --bounce --detail nobody@example.org demo", Role.OPERATOR),
                form("school:reenable --detail nobody@example.org demo", Role.OPERATOR),
                form("school:add-member demo roles-coach Carl Coach", Role.OPERATOR),
                form("school:link --priority 2 demo roles-coach roles-adult Ann Adult", Role.OPERATOR),
                form("school:link --priority \u0662 demo roles-coach roles-adult-2 Bea Adult", Role.OPERATOR),
                form("school:unlink demo roles-coach roles-adult", Role.OPERATOR),
                form("school:record-balance demo nosuch-person 1.00", Role.OPERATOR),
                form("school:record-balance demo nosuch-person \u0661.\u0660\u0660", Role.OPERATOR),
                form("school:record-booking demo nosuch-member 2026-12-01 2.30 lunch", Role.OPERATOR),
                form("school:report demo roles-report.csv", Role.OPERATOR),
                form("school:export-oneroster demo roles-oneroster.zip", Role.OPERATOR),
                form("school:encrypt --file nosuch-file", Role.OPERATOR),
                // the OneRoster provider's clients: listing them is an operator's; revoke, rotate and add an admin's
                form("school:oneroster-clients list", Role.OPERATOR, "OneRoster client(s)"),
                form("school:oneroster-clients list --json", Role.OPERATOR, "\"clients\""),
                form("school:oneroster-clients --json LIST", Role.OPERATOR, "\"clients\""),
                form("school:oneroster-clients revoke nosuch-client", Role.ADMIN),
                form("school:oneroster-clients ' Revoke ' nosuch-client", Role.ADMIN),
                form("school:oneroster-clients rotate nosuch-client", Role.ADMIN),
                form("school:oneroster-clients add roles-client", Role.ADMIN, "client.id = roles-client"),
                form("school:oneroster-clients lists", Role.ADMIN),
                // a viewer's: the reads
                form("school:list", Role.VIEWER, "demo"),
                form("school:list --json", Role.VIEWER, "demo"),
                form("school:status demo", Role.VIEWER, "students"),
                form("school:status demo --json", Role.VIEWER, "students"),
                form("school:health", Role.VIEWER, "demo"),
                form("school:health --problems --json", Role.VIEWER),
                form("school:stats demo", Role.VIEWER),
                form("school:issues demo", Role.VIEWER, "issue(s)"),
                form("school:member demo org-demo-stu-000001", Role.VIEWER, "org-demo-stu-000001"),
                form("school:meals demo", Role.VIEWER, "closeLeavers"),
                form("school:meals demo --json", Role.VIEWER, "closeLeavers"),
                form("school:leavers demo", Role.VIEWER, "leaver(s)"),
                form("school:leavers demo --json", Role.VIEWER),
                form("school:wallets demo", Role.VIEWER, "wallet(s)"),
                form("school:wallets demo --leavers", Role.VIEWER, "to close"));
    }

    /**
     * Runs the command as the caller; retention, pause and resume save the school's files, whose
     * components then start again, so a run that finds demo briefly gone is tried again.
     *
     * @return what it printed, or its error
     */
    private String run(Caller c, String command) {
        String[] out = new String[1];
        AssertionError[] error = new AssertionError[1];
        // the first try at once: a fixed poll interval alone would also delay it by 500 ms, 340 times
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollDelay(java.time.Duration.ZERO)
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    try {
                        out[0] = executeCommandAs(c.user(), command, c.roles());
                        error[0] = null;
                        return true;
                    } catch (AssertionError e) {
                        error[0] = e;
                        return !e.getMessage().contains("No school 'demo' is configured") && !e.getMessage().contains("School 'demo' has no")
                                && !e.getMessage().contains("School 'demo' is not running");
                    }
                });
        if (error[0] != null) {
            throw error[0];
        }
        return out[0];
    }

    @Test
    public void everySchoolCommandIsDecidedOnWhatItParsedForEveryRoleAndSpelling() throws Exception {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        awaitOutput("school:meals demo", out -> out.contains("closeLeavers"));
        awaitOutput("school:oneroster-clients list --json", out -> out.contains("clients"));
        awaitOutput("school:export-oneroster demo roles-oneroster-first.zip", out -> out.contains("bulk CSV set of demo"));
        int retentionBefore = json(executeCommand("school:retention demo --json")).get("anonymiseAfterDays").asInt();
        List<String> wrong = new ArrayList<>();
        for (Form f : forms()) {
            for (Caller c : CALLERS) {
                boolean mayRun = c.level().compareTo(f.lowest()) >= 0;
                String seen;
                boolean failed = false;
                try {
                    seen = run(c, f.command());
                } catch (AssertionError e) {
                    seen = e.getMessage();
                    failed = true;
                }
                if (!mayRun && !(failed && isRefusal(seen))) {
                    wrong.add(c.user() + " ran '" + f.command() + "' (an " + f.lowest() + "'s):\n" + seen);
                } else if (mayRun && failed && isRefusal(seen)) {
                    wrong.add(c.user() + " was refused '" + f.command() + "':\n" + seen);
                } else if (mayRun && f.printsWhenAllowed() != null && (failed || !seen.contains(f.printsWhenAllowed()))) {
                    wrong.add(c.user() + " ran '" + f.command() + "' expecting '" + f.printsWhenAllowed() + "':\n" + seen);
                }
            }
        }
        assertTrue(wrong.size() + " wrong:\n" + String.join("\n\n", wrong), wrong.isEmpty());
        // the values in other digits reached no one: only the admin's ASCII "31" changed the period
        assertEquals(Math.max(31, retentionBefore),
                json(executeCommand("school:retention demo --json")).get("anonymiseAfterDays").asInt());
    }

    @Test
    public void everyErrorOfASchoolCommandReachesTheScriptAndEndsItNonZero() throws Exception {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));
        BatchClient client = BatchClient.ofThisHost();

        // a school that reads a folder that is not there fails its sync; one that shrinks to a tenth is refused
        dropConfig("org.misbridge.mis.oneroster-gone.cfg", "school.id=gone\ncsv.path=" + Path.of(System.getProperty("karaf.home"),
                "no-such-folder") + "\n");
        dropConfig("org.misbridge.sync-gone.cfg", "school.id=gone\nreader.target=(school.id=gone)\nschedule=\n");
        Path shrinking = Files.createTempDirectory("misbridge-shrinking");
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("karaf.home"), "demo", "oneroster"))) {
            for (Path f : files.toList()) {
                Files.copy(f, shrinking.resolve(f.getFileName()));
            }
        }
        dropConfig("org.misbridge.mis.oneroster-shrinking.cfg", "school.id=shrinking\ncsv.path=" + shrinking + "\n");
        dropConfig("org.misbridge.sync-shrinking.cfg", "school.id=shrinking\nreader.target=(school.id=shrinking)\nschedule=\n");
        awaitSchoolsRunning("gone", "shrinking");
        assertContains(executeCommand("school:sync shrinking"), "Synced shrinking");
        Path users = shrinking.resolve("users.csv");
        List<String> sliver = new ArrayList<>();
        int student = 0;
        for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
            if (!"student".equals(line.split(",", 7)[5]) || student++ % 10 == 0) {
                sliver.add(line);
            }
        }
        Files.write(users, sliver, StandardCharsets.UTF_8);

        String[][] failing = {
            {"school:status nosuch", "No school 'nosuch' is configured"},
            {"school:sync nosuch", "No school 'nosuch' is configured"},
            {"school:member demo nosuch-member", "No member 'nosuch-member'"},
            {"school:sync gone", "Sync of gone failed, nothing changed"},
            {"school:sync gone --json", "Sync of gone failed, nothing changed"},
            {"school:sync shrinking", "Sync of shrinking refused, nothing changed"},
            {"school:leavers nosuch", "has no leaver lifecycle"},
            {"school:meals nosuch", "has no meal export"},
            {"school:group demo remove nosuch-group nosuch-member", "Refused, nothing changed"},
            {"school:retention demo \u0663\u0661", "not a whole number written in the digits 0-9"},
            {"school:status demo --bogus", "Unexpected argument '--bogus'"},
            {"school:encrypt --file nosuch-file", "No encryptor with alias 'misbridge'"},
        };
        // the real bin/client for the three ways a sync ends in error; the rest over the same SSH exec
        // channel from this JVM (SshScript), which spares a client JVM per command
        Set<String> throughBinClient = Set.of("school:sync nosuch", "school:sync gone", "school:sync shrinking");
        try (SshScript ssh = SshScript.ofThisHost()) {
            for (String[] f : failing) {
                BatchClient.Result r = throughBinClient.contains(f[0]) ? client.run("karaf", "karaf", f[0])
                        : ssh.run("karaf", "karaf", f[0]);
                assertTrue(f[0] + " should end the script non-zero:\n" + r, r.exitCode() != 0);
                assertTrue(f[0] + " should say '" + f[1] + "':\n" + r, r.all().contains(f[1]));
            }
        }
        // and what worked still ends zero, the --json of a sync included
        BatchClient.Result ok = client.run("karaf", "karaf", "school:sync demo --json");
        assertEquals(ok.toString(), 0, ok.exitCode());
        assertTrue(ok.toString(), ok.out().contains("\"outcome\" : \"SUCCESS\""));
        // (the refused run's summary went to the caller before the error, for a person to read)
        assertEquals("REFUSED", directory.lastRun("shrinking").orElseThrow().outcome().name());
    }
}
