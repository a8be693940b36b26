package org.misbridge.oneroster.provider.internal.command;

import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Actors;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.misbridge.shell.CommandJson;
import org.misbridge.shell.TrailingFlags;

/**
 * {@code school:oneroster-clients list|revoke|rotate|add}: the provider's clients. It writes no file:
 * a client's configuration is in {@code etc/}, which is the admin's to edit, so {@code rotate} and
 * {@code add} say how instead.
 */
@Service
@Command(scope = "school", name = "oneroster-clients",
        description = "The OneRoster provider's clients: list (schools, scopes, live tokens, use today, lockout; never a secret),"
                + " revoke CLIENT (ends its live tokens now, audited), rotate CLIENT and add CLIENT (say how to change or add"
                + " a client's file in etc/).")
public final class OneRosterClientsCommand implements Action {

    @Reference
    private ClientActivity activity;

    @Reference
    private AuditTrail trail;

    @Option(name = "--json", description = "Print JSON for scripts instead of a table (list).")
    private boolean json;

    @Argument(index = 0, name = "action", description = "list, revoke, rotate or add", required = true)
    @Completion(values = {"list", "revoke", "rotate", "add"}, value = StringsCompleter.class)
    private String action;

    @Argument(index = 1, name = "client", description = "The client id (revoke, rotate, add), and flags.", multiValued = true)
    @Completion(ClientIdCompleter.class)
    private @Nullable List<String> more;

    @Override
    public @Nullable Object execute() throws Exception {
        List<String> values = TrailingFlags.apply(this, more);
        String verb = action.strip().toLowerCase(Locale.ROOT); // as typed, so "LIST" lists; anything else is an admin's
        Role needed = verb.equals("list") ? Role.OPERATOR : Role.ADMIN;
        Authorisation.require(needed, "school:oneroster-clients " + (needed == Role.ADMIN ? verb : "list"));
        if (verb.equals("list")) {
            if (!values.isEmpty()) {
                throw TrailingFlags.unexpected(values.get(0));
            }
            list();
            return null;
        }
        if (!List.of("revoke", "rotate", "add").contains(verb)) {
            throw new CommandException("school:oneroster-clients takes list, revoke CLIENT, rotate CLIENT or add CLIENT");
        }
        if (values.size() != 1) {
            throw new CommandException("school:oneroster-clients " + verb + " takes one client id");
        }
        String client = values.get(0);
        try {
            switch (verb) {
                case "revoke" -> {
                    int ended = ClientReport.revoke(activity, trail, client, Actors.current(), Instant.now());
                    System.out.println("Ended " + ended + " live token(s) of OneRoster client " + client + ". Its file in etc/"
                            + " stays, so it may ask for a new token at once: to shut it out, remove"
                            + " etc/org.misbridge.oneroster.client-NAME.cfg, or rotate its secret (school:oneroster-clients rotate "
                            + client + ").");
                }
                case "rotate" -> System.out.println(ClientGuide.rotate(ClientReport.client(activity, client).id()));
                default -> System.out.println(ClientGuide.add(client));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        return null;
    }

    private void list() {
        List<Map<String, Object>> rows = ClientReport.rows(activity);
        if (json) {
            System.out.println(CommandJson.write(Map.of("clients", rows)));
            return;
        }
        System.out.println(rows.size() + " OneRoster client(s); their secrets are in their files in etc/, never shown:");
        ShellTable table = new ShellTable();
        for (String column : List.of("Client", "Schools", "Scopes", "Live tokens", "Requests today", "Last use", "Locked out")) {
            table.column(column);
        }
        rows.forEach(r -> table.addRow().addContent(r.get("client"), String.join(", ", ((List<?>) r.get("schools")).stream()
                .map(Object::toString).toList()),
                r.get("scopes"), r.get("liveTokens"), r.get("requestsToday"), r.get("lastUse") == null ? "never" : r.get("lastUse"),
                Boolean.TRUE.equals(r.get("lockedOut")) ? "yes" : "no"));
        table.print(System.out);
    }
}
