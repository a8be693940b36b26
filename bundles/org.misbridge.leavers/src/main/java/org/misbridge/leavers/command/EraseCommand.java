package org.misbridge.leavers.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;

/**
 * The right to erasure for one leaver, in the three steps it takes: opt the pupil out (so no contact
 * of theirs is imported again), sync, then delete through the queue. Audited as one action.
 */
@Service
@Command(scope = "school", name = "erase",
        description = "Right to erasure for one leaver: opts them out, syncs, then queues their deletion: school:erase <school> <member> --yes. Audited.")
public final class EraseCommand extends LeaversCommandSupport {

    @Reference
    private SyncService syncService;

    /** Erasure, or asking for it, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected void run() {
        String id = arg(0, "member id");
        Member member = directory.load(school).members().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member '" + id + "' in school " + school));
        if (member.state() != EnrolmentState.LEAVER) {
            throw new IllegalStateException(id + " is " + member.state().name().toLowerCase().replace('_', ' ')
                    + " in the MIS, which would bring them back: record them as left in the MIS first");
        }
        if (!yes) {
            System.out.println("Erasing " + id + " (" + member.givenName() + " " + member.familyName() + ") opts them out,"
                    + " syncs " + school + ", and deletes them with their links, details and the adults linked to no one"
                    + " else; payment records and the audit trail are anonymised after " + leavers.anonymiseAfterDays()
                    + " day(s). Run again with --yes.");
            return;
        }
        directory.setOptOut(school, new OptOut(OptOut.Kind.STUDENT, id), true);
        SyncRun run = syncService.sync(school);
        if (run.outcome() != SyncOutcome.SUCCESS) {
            audit("erase", id + " opted out; sync " + run.outcome().name().toLowerCase(), 0);
            throw new IllegalStateException(id + " is opted out, but the sync did not succeed (" + run.message()
                    + "): nothing deleted yet; run school:erase again once school:sync works");
        }
        int queued = directory.queueDeletion(school, List.of(id), actor());
        audit("erase", id, 1);
        leavers.processDeletions();
        System.out.println("Opted out " + id + ", synced " + school + ", and queued the deletion (" + queued
                + " queued); school:leavers shows it as deleting until it is gone.");
    }
}
