package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.directory.ChangeSet;


/**
 * Merges a duplicate student into the one kept: the duplicate's adults, details, groups, bookings and
 * opt-out move over, and the duplicate goes for good. Shown first; --yes applies it, audited.
 */
@Service
@Command(scope = "school", name = "merge-students",
        description = "Merges a duplicate into the student kept: school:merge-students <school> <keep> <duplicate> --yes. Links, details, groups, bookings and opt-outs move to the kept record; the duplicate goes. Audited.")
public final class MergeStudentsCommand extends LeaversCommandSupport {

    /** Merging, or asking to, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected void run() {
        String keep = arg(0, "id of the student kept");
        String duplicate = arg(1, "id of the duplicate");
        ChangeSet preview = lifecycle.planMerge(school, keep, duplicate);
        System.out.println("Merging " + duplicate + " into " + keep + " moves " + preview.links().created().size()
                + " linked adult(s), " + preview.details().created().size() + " detail(s) and "
                + preview.memberships().created().size() + " group place(s), with their bookings and opt-out; "
                + duplicate + " then goes for good (import will not bring it back).");
        if (!yes) {
            System.out.println("Run again with --yes to merge (school:report first keeps a copy of the school as it is).");
            return;
        }
        int rows = lifecycle.merge(school, keep, duplicate, actor());
        System.out.println("Merged " + duplicate + " into " + keep + " (" + rows + " row(s) changed).");
    }
}
