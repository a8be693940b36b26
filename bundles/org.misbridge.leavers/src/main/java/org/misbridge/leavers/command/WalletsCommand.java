package org.misbridge.leavers.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.leavers.internal.Money;

/** Parents' wallets: all of them, or with --leavers those to close because no child of the holder stays. */
@Service
@Command(scope = "school", name = "wallets",
        description = "Lists parents' wallets with balance and status; --leavers lists only the open wallets to close (the holder has no child staying).")
public final class WalletsCommand extends LeaversCommandSupport {

    @Option(name = "--leavers", description = "Only the open wallets to close: the holder has no child staying.")
    private boolean onlyToClose;

    @Override
    protected boolean printsJson() {
        return true;
    }

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void run() throws Exception {
        List<Map<String, Object>> rows = lifecycle.wallets(school, onlyToClose).stream().map(v -> {
            Wallet w = v.wallet();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("wallet", w.id());
            row.put("holder", w.personId());
            row.put("holderName", w.holderName());
            row.put("status", w.status().name());
            row.put("balance", Money.format(w.balance()));
            row.put("refunded", Money.format(w.refunded()));
            row.put("openedAt", w.openedAt().toString());
            row.put("closedAt", Objects.toString(w.closedAt(), null));
            row.put("settledAt", Objects.toString(w.settledAt(), null));
            row.put("refundDate", Objects.toString(w.refundDate(), null));
            row.put("childrenStaying", v.childrenStaying());
            return row;
        }).toList();
        if (json) {
            printJson(rows);
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : List.of("Wallet", "Holder", "Name", "Status", "Balance", "Closed at", "Settled at", "Refund date",
                "Children staying")) {
            table.column(c);
        }
        rows.forEach(r -> table.addRow().addContent(UnsafeCharacters.printable(r.get("wallet"), r.get("holder"),
                r.get("holderName"), r.get("status"), r.get("balance"), dash(r.get("closedAt")), dash(r.get("settledAt")),
                dash(r.get("refundDate")), String.join(",", (List<String>) r.get("childrenStaying")))));
        table.print(System.out);
        System.out.println(rows.size() + (onlyToClose ? " open wallet(s) to close: their holders have no child staying"
                + " (school:close-wallet " + school + " <wallet>)." : " wallet(s)."));
    }

    private static Object dash(Object value) {
        return value == null ? "-" : value;
    }
}
