package org.misbridge.meals.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.meals.internal.MealsExport;

/** Pushes a school's pending meal changes now, then shows the export's state. */
@Service
@Command(scope = "school", name = "meals-push", description = "Sends a school's pending meal changes now (unless paused) and shows the result.")
public final class MealsPushCommand extends MealsCommandSupport {

    @Override
    protected MealsExport.Status run(MealsExport export) {
        return export.pushNow();
    }
}
