package org.misbridge.jasypt.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.jasypt.encryption.StringEncryptor;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Decryptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The registered Jasypt encryptors, found by alias for the commands. */
final class Encryptors {

    private Encryptors() {
    }

    /** The highest-ranked encryptor with this alias, as pax-jdbc-config and the schools' components would pick it. */
    static @Nullable ServiceReference<StringEncryptor> find(BundleContext context, String alias) throws InvalidSyntaxException {
        String filter = "(" + Decryptor.ALIAS + "=" + escape(alias) + ")";
        List<ServiceReference<StringEncryptor>> refs = new ArrayList<>(context.getServiceReferences(StringEncryptor.class, filter));
        return refs.isEmpty() ? null : Collections.max(refs);
    }

    static Collection<String> aliases(BundleContext context) {
        TreeSet<String> aliases = new TreeSet<>();
        try {
            for (ServiceReference<StringEncryptor> ref : context.getServiceReferences(StringEncryptor.class, "(" + Decryptor.ALIAS + "=*)")) {
                aliases.add(String.valueOf(ref.getProperty(Decryptor.ALIAS)));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return aliases;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
