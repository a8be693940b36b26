package org.misbridge.oneroster.provider.internal.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * The configured clients by id. Each client's configuration adds its client here; the servlet
 * looks clients up. A private service of this bundle: nothing of a client is in a service property.
 */
// immediate: the one table the client configurations and the servlet share, kept while the bundle runs
@Component(service = Clients.class, immediate = true)
public final class Clients {
    private final Map<String, RosterClient> byId = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when another configuration already has this client id */
    public void add(RosterClient client) {
        if (byId.putIfAbsent(client.id(), client) != null) {
            throw new IllegalArgumentException("OneRoster client " + client.id()
                    + " is configured twice; give each client one etc/org.misbridge.oneroster.client-NAME.cfg");
        }
    }

    public void remove(RosterClient client) {
        byId.remove(client.id(), client);
    }

    public @Nullable RosterClient get(String id) {
        return byId.get(id);
    }

    /** Every configured client, by id. */
    public List<RosterClient> all() {
        List<RosterClient> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(RosterClient::id));
        return all;
    }

    /** Every school some client may read. */
    public Set<String> servedSchools() {
        Set<String> schools = new LinkedHashSet<>();
        byId.values().forEach(c -> schools.addAll(c.schools()));
        return schools;
    }
}
