package org.misbridge.sync.command;

import org.apache.karaf.shell.support.CommandException;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.UnsafeCharacters;

/** The sync commands act on running schools; the refusal says why a school is not one. */
final class RunningSchool {

    private RunningSchool() {
    }

    static void require(SyncService syncService, String school) throws CommandException {
        if (syncService.school(school).isPresent()) {
            return;
        }
        // a school with files whose components are refused or not up yet is in health with its cause
        for (SchoolHealth h : syncService.health()) {
            if (h.schoolId().equals(school)) {
                throw new CommandException("School '" + UnsafeCharacters.escape(school) + "' is not running: "
                        + h.state() + (h.cause() == null ? "" : " (" + UnsafeCharacters.escape(h.cause()) + ")")
                        + "; it starts once its files are accepted (see school:health).");
            }
        }
        throw new CommandException("No school '" + UnsafeCharacters.escape(school) + "' is configured (see school:list).");
    }
}
