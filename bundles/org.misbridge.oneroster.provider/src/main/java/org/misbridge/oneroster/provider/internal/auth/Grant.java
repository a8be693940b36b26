package org.misbridge.oneroster.provider.internal.auth;

import java.time.Instant;
import java.util.Set;

/** What a bearer token allows: the client it was issued to, the scopes granted, and until when. */
public record Grant(RosterClient client, Set<Scope> scopes, Instant expires) {
    public Grant {
        scopes = Set.copyOf(scopes);
    }
}
