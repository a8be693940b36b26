package org.misbridge.sync.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.Role;
import org.misbridge.api.directory.DeliveryFeedback;

/** Records delivery feedback for an email or mobile, as a comms platform would through the ContactPreferences service. */
@Service
@Command(scope = "school", name = "feedback",
        description = "Records a permanent bounce, spam complaint or failed text for an email or mobile; 3 bounces, 1 complaint or 3 failed texts block it.")
public final class FeedbackCommand extends SchoolCommandSupport {

    @Reference
    private ContactPreferences preferences;

    @Option(name = "--detail", description = "The email address or mobile number.", required = true)
    private String detail;

    @Option(name = "--bounce", description = "A permanent bounce (3 block the email).")
    private boolean bounce;

    @Option(name = "--complaint", description = "A spam complaint (blocks the email at once).")
    private boolean complaint;

    @Option(name = "--failed-text", description = "A failed text (3 block the mobile).")
    private boolean failedText;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected Object run() throws CommandException {
        if ((bounce ? 1 : 0) + (complaint ? 1 : 0) + (failedText ? 1 : 0) != 1) {
            throw new CommandException("Give exactly one of --bounce, --complaint or --failed-text.");
        }
        DeliveryFeedback feedback = bounce ? DeliveryFeedback.PERMANENT_BOUNCE
                : complaint ? DeliveryFeedback.SPAM_COMPLAINT : DeliveryFeedback.FAILED_TEXT;
        String value = DetailArgument.normalise(detail);
        int blocked = preferences.recordDelivery(school, DetailArgument.kindOf(value), value, feedback);
        System.out.println(blocked > 0
                ? "Blocked " + value + " (" + blocked + " detail(s)) of " + school + "; school:reenable --detail " + value + " " + school + " restores it."
                : "Recorded " + feedback.name().toLowerCase().replace('_', ' ') + " for " + value + " of " + school + ".");
        return null;
    }
}
