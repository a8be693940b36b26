package org.misbridge.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The command ACLs the assembly ships: a viewer reads, an operator runs the school day, only an
 * admin forces past the deletion threshold or removes what cannot be put back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RolesIT extends MisBridgeTestSupport {

    private static final String[] VIEWER = {"viewer"};
    private static final String[] OPERATOR = {"operator", "viewer"};
    private static final String[] ADMIN = {"admin", "manager", "operator", "viewer"};

    @Configuration
    public Option[] config() {
        return with(baseOptions());
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
            assertTrue(e.getMessage(), e.getMessage().contains("Insufficient credentials")
                    || e.getMessage().contains("CommandNotFoundException"));
        }
    }

    @Test
    public void aViewerReadsAnOperatorSyncsAndOnlyAnAdminForcesOrRemoves() {
        awaitOutput("school:status demo --json", out -> out.contains("SUCCESS"));

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
        allowed("operator", OPERATOR, "school:encrypt --file no-such-file");

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
}
