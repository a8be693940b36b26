package org.misbridge.oneroster.provider.internal.auth;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Opaque bearer tokens, in memory: 256 random bits each, kept only as their SHA-256 (a heap dump
 * holds no usable token). A token ends at its expiry, when its client's configuration goes, or when
 * the client has more than {@link #PER_CLIENT} live tokens (the oldest goes first), or when an admin
 * revokes its client's tokens. A restart ends all.
 */
public final class Tokens {
    /** Live tokens per client: enough for a consumer's workers, bounded against a loop asking for more. */
    static final int PER_CLIENT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<ByteBuffer, Grant> grants = new HashMap<>();
    private final Map<String, Deque<ByteBuffer>> byClient = new HashMap<>();

    public Tokens(Clock clock) {
        this.clock = clock;
    }

    /** A new token for the client with these scopes; the caller hands it out once and forgets it. */
    public synchronized String issue(RosterClient client, Set<Scope> scopes) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ByteBuffer key = ByteBuffer.wrap(SecretHash.sha256(token));
        Instant now = clock.instant();
        purge(now);
        grants.put(key, new Grant(client, scopes, now.plusSeconds(client.tokenSeconds())));
        Deque<ByteBuffer> mine = byClient.computeIfAbsent(client.id(), k -> new ArrayDeque<>());
        mine.addLast(key);
        while (mine.size() > PER_CLIENT) {
            grants.remove(mine.removeFirst());
        }
        return token;
    }

    /**
     * The grant of a live token whose client is still configured as it was ({@code current} gives the
     * client by id), or null.
     */
    public synchronized @Nullable Grant check(String token, Function<String, @Nullable RosterClient> current) {
        ByteBuffer key = ByteBuffer.wrap(SecretHash.sha256(token));
        Grant grant = grants.get(key);
        if (grant == null) {
            return null;
        }
        if (!grant.expires().isAfter(clock.instant()) || current.apply(grant.client().id()) != grant.client()) {
            grants.remove(key); // expired, or the client was removed or reconfigured
            Deque<ByteBuffer> mine = byClient.get(grant.client().id());
            if (mine != null) {
                mine.remove(key);
            }
            return null;
        }
        return grant;
    }

    /** The client's live tokens now: issued to it as it is configured now, not expired, not ended. */
    public synchronized int live(RosterClient client) {
        purge(clock.instant());
        Deque<ByteBuffer> mine = byClient.get(client.id());
        if (mine == null) {
            return 0;
        }
        int live = 0;
        for (ByteBuffer key : mine) {
            Grant grant = grants.get(key);
            if (grant != null && grant.client() == client) {
                live++;
            }
        }
        return live;
    }

    /** Ends every live token of the client at once; returns how many there were. */
    public synchronized int revoke(String clientId) {
        purge(clock.instant());
        Deque<ByteBuffer> mine = byClient.remove(clientId);
        if (mine == null) {
            return 0;
        }
        mine.forEach(grants::remove);
        return mine.size();
    }

    private void purge(Instant now) {
        Iterator<Map.Entry<ByteBuffer, Grant>> it = grants.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ByteBuffer, Grant> entry = it.next();
            if (!entry.getValue().expires().isAfter(now)) {
                it.remove();
                Deque<ByteBuffer> mine = byClient.get(entry.getValue().client().id());
                if (mine != null) {
                    mine.remove(entry.getKey());
                }
            }
        }
    }
}
