package org.misbridge.meals.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.meals.internal.MealsExport;

/** A school's meal export: where it goes, what waits, what last happened. */
@Service
@Command(scope = "school", name = "meals", description = "Shows a school's meal export: target, pending changes, last push and last error.")
public final class MealsCommand extends MealsCommandSupport {

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected MealsExport.Status run(MealsExport export) {
        return export.status();
    }
}
