package org.misbridge.mis.ctf.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The relative element paths a record keeps, given as leaves and expanded to every ancestor, so
 * {@code Contacts/Contact/Order} also keeps {@code Contacts} and {@code Contacts/Contact}.
 */
final class KeptPaths {

    private KeptPaths() {
    }

    static Set<String> of(String... leaves) {
        Set<String> paths = new HashSet<>();
        for (String leaf : leaves) {
            int slash = -1;
            while ((slash = leaf.indexOf('/', slash + 1)) > 0) {
                paths.add(leaf.substring(0, slash));
            }
            paths.add(leaf);
        }
        return Set.copyOf(paths);
    }
}
