package org.misbridge.oneroster.provider.internal.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.misbridge.api.SchoolUsage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the provider keeps of its clients while it runs, shared by the servlet and the
 * {@code school:oneroster-clients} command: their tokens, the token endpoint's lockouts and their
 * use. As {@link SchoolUsage} it tells {@code school:status} who reads a school.
 */
@Component(service = {ClientActivity.class, SchoolUsage.class}, immediate = true)
public final class ClientActivity implements SchoolUsage {
    private final Clients clients;
    private final Tokens tokens;
    private final Brake brake;
    private final Usage usage;

    @Activate
    public ClientActivity(@Reference Clients clients) {
        this(clients, Clock.systemUTC());
    }

    public ClientActivity(Clients clients, Clock clock) {
        this.clients = clients;
        this.tokens = new Tokens(clock);
        this.brake = new Brake(clock);
        this.usage = new Usage(clock);
    }

    public Clients clients() {
        return clients;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Brake brake() {
        return brake;
    }

    public Usage usage() {
        return usage;
    }

    @Override
    public List<ClientUse> clients(String schoolId) {
        List<ClientUse> readers = new ArrayList<>();
        for (RosterClient client : clients.all()) {
            if (client.schools().contains(schoolId)) {
                Usage.Use use = usage.of(client.id());
                readers.add(new ClientUse(client.id(), use.requestsToday(), use.lastUse()));
            }
        }
        return readers;
    }
}
