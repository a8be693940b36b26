package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.directory.Member;


/**
 * The right to erasure for one leaver, in the three steps it takes: opt the pupil out (so no contact
 * of theirs is imported again), sync, then delete through the queue. Audited as one action.
 */
@Service
@Command(scope = "school", name = "erase",
        description = "Right to erasure for one leaver: opts them out, syncs, then queues their deletion: school:erase <school> <member> --yes. Audited.")
public final class EraseCommand extends LeaversCommandSupport {

    /** Erasure, or asking for it, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected void run() {
        String id = arg(0, "member id");
        Member member = lifecycle.erasable(school, id);
        if (!yes) {
            System.out.println("Erasing " + id + " (" + member.givenName() + " " + member.familyName() + ") opts them out,"
                    + " syncs " + school + ", and deletes them with their links, details and the adults linked to no one"
                    + " else; payment records and the audit trail are anonymised after " + lifecycle.anonymiseAfterDays(school)
                    + " day(s). Run again with --yes.");
            return;
        }
        int queued = lifecycle.erase(school, id, actor());
        System.out.println("Opted out " + id + ", synced " + school + ", and queued the deletion (" + queued
                + " queued); school:leavers shows it as deleting until it is gone.");
    }
}
