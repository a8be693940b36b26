package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.leavers.internal.Money;


/** Closes a wallet whose holder has no child staying; a closed wallet never reopens and shows what the school owes. */
@Service
@Command(scope = "school", name = "close-wallet",
        description = "Closes a parent's wallet when no child of theirs stays: school:close-wallet <school> <wallet> --yes. A closed wallet cannot be reopened; the balance owed is shown. Audited.")
public final class CloseWalletCommand extends LeaversCommandSupport {

    /** Closing, or asking to, is an admin's. */
    @Override
    protected Role role() {
        return Role.ADMIN;
    }

    @Override
    protected void run() {
        String id = arg(0, "wallet id");
        Wallet w = lifecycle.closable(school, id);
        if (!yes) {
            System.out.println("Wallet " + id + " of " + w.personId() + " (" + w.holderName() + ") holds "
                    + Money.format(w.balance()) + ". Closing it cannot be undone: a closed wallet never reopens."
                    + " Run again with --yes to close it.");
            return;
        }
        Wallet closed = lifecycle.closeWallet(school, id, actor());
        System.out.println("Closed wallet " + id + " of " + closed.personId() + "; the school owes " + Money.format(closed.balance())
                + ". Once refunded: school:settle-wallet --date <refund date> " + school + " " + id + " --yes");
    }
}
