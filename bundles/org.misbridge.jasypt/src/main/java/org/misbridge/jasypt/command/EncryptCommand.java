package org.misbridge.jasypt.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.jasypt.encryption.StringEncryptor;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.Secrets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.misbridge.api.json.SafeJson;

/**
 * Encrypts a credential with a registered encryptor and prints the {@code ENC(…)} value a school's
 * configuration may hold. The credential is typed at a prompt that does not echo it, or read from a
 * file, never taken from the command line, which the shell's history would keep; it is never printed.
 */
@Service
@Command(scope = "school", name = "encrypt", description = "Encrypts a credential (an API secret, token or password) with a "
        + "registered encryptor and prints the ENC(…) value for a school's configuration, e.g. oneroster.rest.clientSecret=ENC(…). "
        + "The credential is typed at a hidden prompt, twice, or read from a file with --file; never give it on the command line.")
public final class EncryptCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory());

    @Reference
    private BundleContext context;

    @Reference
    private Session session;

    @Option(name = "--decryptor", description = "The alias of the encryptor (default misbridge); a school whose configuration "
            + "names another one in decryptor= needs its values made with that one.")
    @Completion(EncryptorAliasCompleter.class)
    private String alias = Secrets.DEFAULT_DECRYPTOR;

    @Option(name = "--file", description = "Read the credential from this file (one line; a relative path is taken from the "
            + "Karaf home) instead of prompting for it. Delete the file afterwards.")
    private @Nullable String file;

    @Option(name = "--json", description = "Print JSON for scripts instead of text.")
    private boolean json;

    @Override
    public @Nullable Object execute() throws Exception {
        Authorisation.require(Role.OPERATOR, "school:encrypt");
        ServiceReference<StringEncryptor> reference = Encryptors.find(context, alias);
        StringEncryptor encryptor = reference == null ? null : context.getService(reference);
        if (encryptor == null) {
            throw new CommandException("No encryptor with alias '" + alias + "' is registered (registered: "
                    + String.join(", ", Encryptors.aliases(context)).replaceFirst("^$", "none")
                    + "). Configure one in etc/org.misbridge.jasypt.encryptor-" + alias + ".cfg (see docs/configuration.md, \"Credentials\").");
        }
        String cipherText;
        try {
            String plain = file != null ? fromFile(file) : fromPrompt();
            cipherText = encryptor.encrypt(plain);
            if (!plain.equals(encryptor.decrypt(cipherText))) {
                throw new CommandException("The encryptor '" + alias + "' did not give the value back; nothing is printed.");
            }
        } finally {
            context.ungetService(reference);
        }
        String value = "ENC(" + cipherText + ")";
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("decryptor", alias);
            out.put("value", value);
            System.out.println(JSON.writeValueAsString(out));
        } else {
            System.out.println(value);
            System.out.println("Put it in the school's file under the credential's name, e.g. oneroster.rest.clientSecret=" + value
                    + (Secrets.DEFAULT_DECRYPTOR.equals(alias) ? "" : ", with decryptor=" + alias) + ".");
        }
        return null;
    }

    private String fromPrompt() throws IOException, CommandException {
        String first = session.readLine("Credential to encrypt: ", '*');
        if (first == null || first.isBlank()) {
            throw new CommandException("Nothing typed (or no terminal to prompt on: give the credential in a file with --file).");
        }
        String again = session.readLine("Again, to check: ", '*');
        if (!first.equals(again)) {
            throw new CommandException("The two do not match; nothing is encrypted.");
        }
        return first.strip();
    }

    private static String fromFile(String name) throws CommandException {
        Path path = SchoolProperties.resolvePath(name, System.getProperty("karaf.home"));
        String value;
        try {
            if (Files.size(path) > Secrets.MAX_FILE_BYTES) {
                throw new CommandException(path + " is larger than " + Secrets.MAX_FILE_BYTES + " bytes; it should hold only the credential.");
            }
            value = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            // the cause is left out: a decoding error could quote the file's bytes
            throw new CommandException(path + " cannot be read (" + e.getClass().getSimpleName() + ").");
        }
        if (value.isEmpty() || value.contains("\n")) {
            throw new CommandException(path + (value.isEmpty() ? " is empty." : " has more than one line; it should hold only the credential."));
        }
        return value;
    }
}
