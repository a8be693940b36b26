package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.Wallets;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.leavers.internal.Money;

/** Records a booking (a meal, a trip) against a member, as a bookings system would through the Wallets service. */
@Service
@Command(scope = "school", name = "record-booking",
        description = "Records a booking against a member: school:record-booking <school> <member> <date> <amount> [description]. Bookings dated today or later are outstanding.")
public final class RecordBookingCommand extends LeaversCommandSupport {

    @Reference
    private Wallets wallets;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void run() {
        String member = arg(0, "member id");
        var date = date(arg(1, "date"), "booking date");
        long amount = Money.parse(arg(2, "amount"));
        String description = args.size() > 3 ? String.join(" ", args.subList(3, args.size())) : "booking";
        Booking b = wallets.recordBooking(school, member, date, description, amount);
        System.out.println("Booking " + b.id() + " for " + member + " on " + b.date() + ": " + b.description() + ", "
                + Money.format(b.amount()) + ".");
    }
}
