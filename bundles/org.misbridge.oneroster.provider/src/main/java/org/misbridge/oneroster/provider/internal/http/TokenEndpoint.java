package org.misbridge.oneroster.provider.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.auth.Brake;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.auth.RosterClient;
import org.misbridge.oneroster.provider.internal.auth.Scope;
import org.misbridge.oneroster.provider.internal.auth.SecretHash;
import org.misbridge.oneroster.provider.internal.auth.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 token endpoint, client credentials grant only (RFC 6749 section 4.4): the client
 * authenticates with HTTP Basic ({@code client_secret_basic}) or in the form body
 * ({@code client_secret_post}), never both and never in the URL. Errors are RFC 6749's JSON
 * ({@code error}, {@code error_description}), which OAuth libraries read, not imsx_StatusInfo.
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Compared against when the id is unknown, so an unknown id costs the same time as a wrong secret. */
    private static final SecretHash NOBODY = SecretHash.of("no client has this secret, it is only hashed");

    private final Clients clients;
    private final Tokens tokens;
    private final Brake brake;

    public TokenEndpoint(Clients clients, Tokens tokens, Brake brake) {
        this.clients = clients;
        this.tokens = tokens;
        this.brake = brake;
    }

    /**
     * @param hasQuery whether the URL carried a query string (refused: a secret in a URL ends up in logs)
     * @param remote   the caller's address, for the log
     */
    public Answer handle(String method, @Nullable String authorization, @Nullable String contentType, String body,
            boolean hasQuery, String remote) {
        if (!method.equals("POST")) {
            return error(405, "invalid_request", "the token endpoint takes POST").with("Allow", "POST");
        }
        if (hasQuery) {
            return error(400, "invalid_request", "send the parameters in the form body, not in the URL");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            return error(400, "invalid_request", "the body is " + FORM);
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return error(400, "invalid_request", "the form body is not URL-encoded");
            }
            if (form.put(name, value) != null) {
                return error(400, "invalid_request", "a parameter is given more than once");
            }
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return error(400, "invalid_request", "grant_type is missing");
        }
        if (!grantType.equals("client_credentials")) {
            return error(400, "unsupported_grant_type", "only client_credentials is granted");
        }
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String id;
        String secret;
        if (basic) {
            if (form.containsKey("client_id") || form.containsKey("client_secret")) {
                return error(400, "invalid_request", "authenticate one way: HTTP Basic or the form, not both");
            }
            String[] pair = basic(authorization.substring(6).strip());
            if (pair == null) {
                return invalidClient(true);
            }
            id = pair[0];
            secret = pair[1];
        } else {
            id = form.get("client_id");
            secret = form.get("client_secret");
            if (id == null || secret == null) {
                return invalidClient(false);
            }
        }
        if (!id.matches(ClientComponent.ID_PATTERN)) {
            return invalidClient(basic); // no configured client has such an id: nothing to count or remember
        }
        Duration locked = brake.locked(id);
        if (!locked.isZero()) {
            return error(429, "invalid_client", "too many failed authentications; try again later")
                    .with("Retry-After", Long.toString(Math.max(1, locked.toSeconds())));
        }
        RosterClient client = clients.get(id);
        boolean matches;
        if (client == null) {
            NOBODY.matches(secret); // the same work as a known id, so the time does not tell ids apart
            matches = false;
        } else {
            matches = client.secret().matches(secret);
        }
        if (!matches) {
            int failures = brake.failed(id);
            // the id only when it is a configured one: a stranger's id could be a secret typed in the wrong field
            LOG.warn("OneRoster token refused to {} from {}: wrong secret ({} of {} before a lockout)",
                    client == null ? "an unknown client id" : "client " + client.id(), remote, failures, Brake.FAILURES);
            return invalidClient(basic);
        }
        brake.succeeded(id);
        Set<Scope> scopes;
        String asked = form.get("scope");
        if (asked == null || asked.isBlank()) {
            scopes = client.scopes();
        } else {
            scopes = EnumSet.noneOf(Scope.class);
            for (String uri : asked.strip().split(" +")) {
                Scope scope = Scope.of(uri);
                if (scope == null || !client.scopes().contains(scope)) {
                    return error(400, "invalid_scope", "this client is granted only: " + Scope.join(client.scopes()));
                }
                scopes.add(scope);
            }
        }
        String token = tokens.issue(client, scopes);
        Map<String, Object> granted = new LinkedHashMap<>();
        granted.put("access_token", token);
        granted.put("token_type", "bearer");
        granted.put("expires_in", client.tokenSeconds());
        granted.put("scope", Scope.join(scopes));
        LOG.debug("OneRoster token issued to client {} for {}", client.id(), Scope.join(scopes));
        return noStore(new Answer(200, Map.of(), granted));
    }

    /** id and secret from a Basic credential, each form-encoded as RFC 6749 section 2.3.1 says; null if malformed. */
    private static String @Nullable [] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Answer invalidClient(boolean basic) {
        Answer answer = error(401, "invalid_client", "the client is unknown or its secret is wrong");
        return basic ? answer.with("WWW-Authenticate", "Basic realm=\"OneRoster\", charset=\"UTF-8\"") : answer;
    }

    private static Answer error(int status, String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return noStore(new Answer(status, Map.of(), body));
    }

    private static Answer noStore(Answer answer) {
        return answer.with("Cache-Control", "no-store").with("Pragma", "no-cache");
    }
}
