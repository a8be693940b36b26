package org.misbridge.meals.command;

import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.meals.internal.MealsExport;

/** Pushes a school's pending meal changes now, then shows the export's state. */
@Service
@Command(scope = "school", name = "meals-push", description = "Sends a school's pending meal changes now (unless paused) and shows the result.")
public final class MealsPushCommand extends MealsCommandSupport {

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected MealsExport.Status run(MealsExport export) {
        return export.pushNow();
    }

    /** A paused export sends nothing; a push that failed now leaves its changes pending: both are errors for a script. */
    @Override
    protected Optional<String> failure(MealsExport.Status before, MealsExport.Status after) {
        if (after.paused()) {
            return Optional.of("The meal export of " + school + " is paused: nothing was sent (school:resume " + school + " meals).");
        }
        if (after.lastErrorAt() != null && !after.lastErrorAt().equals(before.lastErrorAt())) {
            return Optional.of("The push to the meal manager failed, " + after.pending() + " change(s) still pending: " + after.lastError());
        }
        return Optional.empty();
    }
}
