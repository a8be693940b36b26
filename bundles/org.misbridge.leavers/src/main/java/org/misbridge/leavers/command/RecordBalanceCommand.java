package org.misbridge.leavers.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.misbridge.api.Role;
import org.misbridge.api.lifecycle.Wallets;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.leavers.internal.Money;

/** Records a parent's wallet balance as the payments system reports it (which calls the Wallets service for the same). */
@Service
@Command(scope = "school", name = "record-balance",
        description = "Records a linked adult's wallet balance (e.g. 12.50), opening the wallet on the first record: school:record-balance <school> <person> <amount>. A closed wallet never reopens.")
public final class RecordBalanceCommand extends LeaversCommandSupport {

    @Reference
    private Wallets wallets;

    @Override
    protected Role role() {
        return Role.OPERATOR;
    }

    @Override
    protected void run() {
        String person = arg(0, "person id");
        long amount = Money.parse(arg(1, "amount"));
        Wallet w = wallets.recordBalance(school, person, amount);
        System.out.println("Wallet " + w.id() + " of " + person + " (" + w.holderName() + ") holds " + Money.format(w.balance()) + ".");
    }
}
