package org.misbridge.oneroster.provider.internal.auth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A consumer allowed to read the provider: its id, the schools it may read (in the order they were
 * configured), its scopes, its secret as a hash, and its limits. It holds nothing that could give
 * the secret back, and its {@code toString} names only the id.
 */
public record RosterClient(String id, List<String> schools, Set<Scope> scopes, SecretHash secret,
        int requestsPerMinute, int tokenSeconds) {

    public RosterClient {
        Objects.requireNonNull(id, "id");
        schools = List.copyOf(schools);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(secret, "secret");
        if (schools.isEmpty() || scopes.isEmpty()) {
            throw new IllegalArgumentException("OneRoster client " + id + " needs at least one school and one scope");
        }
    }

    @Override
    public String toString() {
        return "OneRoster client " + id;
    }
}
