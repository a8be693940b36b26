package org.misbridge.oneroster.provider.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.oneroster.provider.internal.audit.ProviderAudit;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;
import org.misbridge.oneroster.provider.internal.auth.RosterClient;
import org.misbridge.oneroster.provider.internal.auth.Scope;
import org.misbridge.oneroster.provider.internal.auth.Usage;

/**
 * What {@code school:oneroster-clients} shows and does, apart from the shell: the rows of its list
 * (never a secret, its hash or a token) and the revocation of a client's tokens.
 */
public final class ClientReport {
    /** The audit trail's action for a revocation. */
    static final String REVOKE = ProviderAudit.REVOKE;

    private ClientReport() {
    }

    /** One row per configured client, by id: the keys of {@code --json}. */
    public static List<Map<String, Object>> rows(ClientActivity activity) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RosterClient client : activity.clients().all()) {
            Usage.Use use = activity.usage().of(client.id());
            Duration locked = activity.brake().locked(client.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("client", client.id());
            row.put("schools", client.schools());
            row.put("scopes", Scope.join(client.scopes()));
            row.put("liveTokens", activity.tokens().live(client));
            row.put("requestsToday", use.requestsToday());
            row.put("lastUse", use.lastUse() == null ? null : use.lastUse().toString());
            row.put("requestsPerMinute", client.requestsPerMinute());
            row.put("lockedOut", !locked.isZero());
            rows.add(row);
        }
        return rows;
    }

    /**
     * Ends every live token of the client now and writes it to the audit trail of each school the client
     * reads, and to the audit log. The client's file stays: it may ask for a new token at once.
     *
     * @return how many tokens ended
     * @throws IllegalArgumentException when no client has this id
     */
    public static int revoke(ClientActivity activity, AuditTrail trail, String clientId, String actor, Instant now) {
        RosterClient client = client(activity, clientId);
        int ended = activity.tokens().revoke(client.id());
        for (String school : client.schools()) {
            ProviderAudit.record(trail, school, new AuditRecord(now, actor, REVOKE, client.id(), ended));
        }
        return ended;
    }

    /** The configured client with this id. */
    public static RosterClient client(ClientActivity activity, String clientId) {
        RosterClient client = clientId.matches(ClientComponent.ID_PATTERN) ? activity.clients().get(clientId) : null;
        if (client == null) {
            throw new IllegalArgumentException("no OneRoster client " + printable(clientId)
                    + " is configured (school:oneroster-clients list names them)");
        }
        return client;
    }

    private static String printable(@Nullable String id) {
        return id == null ? "" : UnsafeCharacters.escape(id);
    }
}
