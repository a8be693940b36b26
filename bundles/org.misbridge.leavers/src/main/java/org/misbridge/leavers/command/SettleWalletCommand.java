package org.misbridge.leavers.command;

import java.time.LocalDate;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.leavers.internal.Money;


/** Marks a closed wallet settled: the balance owed was refunded on the date given, and it is now zero. */
@Service
@Command(scope = "school", name = "settle-wallet",
        description = "Marks a closed wallet settled after the refund: school:settle-wallet --date <refund date> <school> <wallet> --yes. The balance becomes zero; the dates are kept. Audited.")
public final class SettleWalletCommand extends LeaversCommandSupport {

    @Option(name = "--date", description = "The day the refund was given (YYYY-MM-DD), today or earlier.", required = true)
    private String refundDate;

    /** Settling, or asking to, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected void run() {
        String id = arg(0, "wallet id");
        LocalDate refunded = date(refundDate, "refund date");
        Wallet w = lifecycle.settleable(school, id, refunded);
        if (!yes) {
            System.out.println("Wallet " + id + " of " + w.personId() + " owes " + Money.format(w.balance())
                    + ". Run again with --yes to record it refunded on " + refunded + " and settled at zero.");
            return;
        }
        Wallet settled = lifecycle.settleWallet(school, id, refunded, actor());
        System.out.println("Settled wallet " + id + ": " + Money.format(settled.refunded()) + " refunded on "
                + settled.refundDate() + ", balance " + Money.format(settled.balance()) + ", closed " + settled.closedAt()
                + ", settled " + settled.settledAt() + ".");
    }
}
