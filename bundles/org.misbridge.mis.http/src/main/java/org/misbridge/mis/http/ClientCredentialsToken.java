package org.misbridge.mis.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * An OAuth 2.0 client-credentials token, fetched on first use, reused until a minute before it
 * expires, and fetched again when the server refuses it. The token endpoint's answer is never
 * quoted in messages: it may carry the token.
 */
final class ClientCredentialsToken implements Credentials {

    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration WITHOUT_EXPIRY = Duration.ofMinutes(30);

    private final MisHttpClient http;
    private final URI tokenUri;
    private final String basic;
    private final String clientId;
    private final @Nullable String scope;
    private final Clock clock = Clock.systemUTC();
    private @Nullable String header;
    private Instant renewAt = Instant.MIN;
    private int fetched;

    ClientCredentialsToken(MisHttpClient http, URI tokenUri, String clientId, String secret, @Nullable String scope) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.basic = Credentials.basicHeader(clientId, secret);
        this.scope = scope == null || scope.isBlank() ? null : scope.strip();
    }

    @Override
    public synchronized String authorization(boolean renew) throws MisReadException {
        if (renew || header == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return header;
    }

    /** How many tokens were fetched so far (for status output and tests). */
    synchronized int fetched() {
        return fetched;
    }

    private void fetch() throws MisReadException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        HttpAnswer answer = http.postForm(tokenUri, basic, form);
        String where = answer.where();
        JsonNode json = RemoteJson.parse(answer, where, "the token answer", http::redact);
        JsonNode token = json == null ? null : json.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new MisReadException(where, 0, null, "the token answer has no access_token", null);
        }
        JsonNode type = json.get("token_type");
        if (type != null && type.isTextual() && !type.asText().equalsIgnoreCase("bearer")) {
            throw new MisReadException(where, 0, null, "token_type " + MisReadException.quote(http.redact(type.asText()))
                    + " is not bearer", null);
        }
        JsonNode expires = json.get("expires_in");
        Duration life = expires != null && expires.canConvertToLong() && expires.asLong() > 0
                ? Duration.ofSeconds(expires.asLong()) : WITHOUT_EXPIRY;
        Duration margin = life.compareTo(MARGIN.multipliedBy(2)) > 0 ? MARGIN : life.dividedBy(2);
        header = "Bearer " + token.asText();
        renewAt = clock.instant().plus(life).minus(margin);
        fetched++;
    }

    @Override
    public String toString() {
        return "OAuth2 client credentials of " + clientId + " at " + MisHttpClient.redact(tokenUri);
    }
}
