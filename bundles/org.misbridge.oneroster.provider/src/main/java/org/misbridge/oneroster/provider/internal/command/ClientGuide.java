package org.misbridge.oneroster.provider.internal.command;

import java.util.Locale;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;

/**
 * What {@code rotate} and {@code add} print: the steps, done by an admin in {@code etc/}, since the
 * command writes no file there (docs/oneroster-provider.md, "Clients").
 */
final class ClientGuide {

    private ClientGuide() {
    }

    static String rotate(String client) {
        return "To rotate the secret of OneRoster client " + client + " (this command writes no file in etc/):\n"
                + "  1. Make a new secret (at least 20 characters; 32 or more random ones) and give it to the consumer.\n"
                + "  2. Change the client's file, etc/org.misbridge.oneroster.client-NAME.cfg: write the secret to a new"
                + " file and point clientSecretFile at it, or replace clientSecret=ENC(...) with the value school:encrypt"
                + " prints (a secret in clientSecretEnv is read again only at a restart).\n"
                + "  3. Save the file: the configuration is read again, and every token of " + client + " ends at once;"
                + " the consumer asks for a new one with the new secret.\n"
                + "To end its tokens without a new secret: school:oneroster-clients revoke " + client + ".";
    }

    static String add(String client) {
        if (!client.matches(ClientComponent.ID_PATTERN)) {
            throw new IllegalArgumentException("a OneRoster client id is letters, digits, '.', '_' and '-', 1 to 64 of them");
        }
        return "To add OneRoster client " + client + ", an admin writes etc/org.misbridge.oneroster.client-" + client
                + ".cfg (this command writes no file in etc/):\n\n"
                + "client.id = " + client + "\n"
                + "schools = SCHOOL-ID[, SCHOOL-ID...]\n"
                + "scopes = roster-core.readonly\n"
                + "# the secret, one of: a file readable only by the Karaf user, a variable, or school:encrypt's value\n"
                + "clientSecretFile = etc/secrets/oneroster-" + client + ".secret\n"
                + "#clientSecretEnv = ONEROSTER_" + client.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SECRET\n"
                + "#clientSecret = ENC(...)\n"
                + "requestsPerMinute = 600\n"
                + "tokenSeconds = 3600\n\n"
                + "The client is served as soon as the file is saved; school:oneroster-clients list shows it.";
    }
}
